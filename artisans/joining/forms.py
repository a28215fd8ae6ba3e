"""Forms of joining: the application (with a new login when signed out), the profile,
logins, and the council's answer. They check shapes; artisans.joining.services
decides. No form has a field naming a business: the views take it from the login.
"""
import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.utils import normalise_email
from phonenumber_field.formfields import PhoneNumberField

from artisans.joining.services import NIB_RE
from catalogue.portraits import portrait_prepare
from catalogue.models import ProductClass, Region
from catalogue.photo_forms import PhotoField, photo_help_text
from core.form_tokens.forms import FormTokenMixin

User = get_user_model()

NIB_HELP = _("Nomor Induk Berusaha: the 13-digit business number on your registration "
             "in OSS (oss.go.id). Digits only; spaces are ignored.")


#: The fields of the new login, present only when the person is signed out.
ACCOUNT_FIELDS = ("full_name", "email", "password1", "password2")


def _input(**attrs):
    return forms.TextInput(attrs={"autocomplete": "off", **attrs})


class BusinessFieldsMixin:
    """The business's own fields, shared by the application and the profile."""

    def business_fields(self) -> None:
        self.fields["name"] = forms.CharField(
            label=_("Business name"), max_length=160,
            widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        )
        self.fields["region"] = forms.ModelChoiceField(
            label=_("Region"), queryset=Region.objects.order_by("province", "name"),
            help_text=_("The council (Dekranasda) of this region checks your application."),
        )
        self.fields["nib"] = forms.CharField(
            label=_("NIB"), max_length=20, help_text=NIB_HELP,
            widget=_input(inputmode="numeric", pattern="[0-9 ]*"),
        )
        self.fields["crafts"] = forms.ModelMultipleChoiceField(
            label=_("Crafts"), queryset=ProductClass.objects.order_by("name"),
            widget=forms.CheckboxSelectMultiple,
            help_text=_("What you make; choose at least one."),
        )
        self.fields["phone"] = PhoneNumberField(
            label=_("Phone (WhatsApp)"), region="ID",
            help_text=_("An Indonesian number: 08… or +62…"),
            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        )
        self.fields["story_id"] = forms.CharField(
            label=_("Your story (Indonesian)"), required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("Who you are, how you learnt the craft, what makes your work yours. "
                        "Buyers read it on your maker page."),
        )
        self.fields["story_en"] = forms.CharField(
            label=_("Your story (English)"), required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("Optional: shown to buyers who read English."),
        )
        # Checked and prepared as the form is cleaned (catalogue.photo_forms): a refused
        # photo is a message on the field, with everything else typed kept.
        self.fields["photo"] = PhotoField(
            label=_("Photo of you or your workshop"), required=False,
            prepare=portrait_prepare,
            help_text=format_lazy("{} {}", photo_help_text(),
                                  _("Location data in the photo is removed.")),
        )
        self.fields["address"] = forms.CharField(
            label=_("Workshop address"), required=False,
            widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of our emails"), choices=settings.LANGUAGES,
            initial=settings.LANGUAGE_CODE,
        )

    def clean_nib(self) -> str:
        nib = re.sub(r"[\s.-]", "", self.cleaned_data.get("nib") or "")
        if not nib.isdigit():
            raise forms.ValidationError(_("The NIB has digits only."), code="nib_digits")
        if not NIB_RE.match(nib):
            raise forms.ValidationError(
                _("The NIB has exactly 13 digits; this one has %(n)s."),
                code="nib_length", params={"n": len(nib)},
            )
        return nib

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone")
        if phone and phone.country_code != 62:
            raise forms.ValidationError(_("Give an Indonesian number: 08… or +62…"))
        return str(phone) if phone else ""

    def business_data(self) -> dict:
        """The cleaned business fields, as the services take them."""
        data = self.cleaned_data
        return {key: data[key] for key in (
            "name", "region", "nib", "crafts", "phone", "story_id", "story_en", "photo",
            "address", "language")}


class ApplicationForm(FormTokenMixin, BusinessFieldsMixin, forms.Form):
    """Apply as an artisan business; signed out, the same form makes the login too.

    It carries a one-time token: sent twice, it makes one business.
    """

    def __init__(self, *args, with_account: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_account = with_account
        if with_account:
            self.fields["full_name"] = forms.CharField(
                label=_("Your name"), max_length=150,
                widget=forms.TextInput(attrs={"autocomplete": "name"}),
            )
            self.fields["email"] = forms.EmailField(
                label=_("Email"), help_text=_("You sign in with it."),
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )
            # The passwords are shown again when another field (often the photo) is
            # refused: on a phone, typing them twice more loses more people than it protects.
            self.fields["password1"] = forms.CharField(
                label=_("Password"), strip=False,
                widget=forms.PasswordInput(render_value=True,
                                           attrs={"autocomplete": "new-password"}),
            )
            self.fields["password2"] = forms.CharField(
                label=_("Password again"), strip=False,
                widget=forms.PasswordInput(render_value=True,
                                           attrs={"autocomplete": "new-password"}),
            )
        self.business_fields()
        self.order_fields([*ACCOUNT_FIELDS, "name", "region",
                           "crafts", "nib", "phone", "story_id", "story_en", "photo",
                           "address", "language"])

    def account_bound_fields(self) -> list:
        return [self[name] for name in ACCOUNT_FIELDS if name in self.fields]

    def business_bound_fields(self) -> list:
        return [self[name] for name in self.fields
                if name not in ACCOUNT_FIELDS and name != "form_token"]

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("This email already has an account: sign in first, then apply."),
                code="email_taken",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if self.with_account:
            password1, password2 = cleaned.get("password1"), cleaned.get("password2")
            if password1 and password2 and password1 != password2:
                self.add_error("password2", _("The two passwords differ."))
            elif password1:
                first, _space, last = (cleaned.get("full_name") or "").partition(" ")
                candidate = User(email=cleaned.get("email", ""), first_name=first,
                                 last_name=last, username=cleaned.get("email", ""))
                try:
                    validate_password(password1, candidate)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned

    def account_data(self) -> dict:
        first, _space, last = self.cleaned_data["full_name"].strip().partition(" ")
        return {"email": self.cleaned_data["email"], "password": self.cleaned_data["password1"],
                "first_name": first, "last_name": last.strip()}


class ProfileForm(BusinessFieldsMixin, forms.Form):
    """The business's profile. Name, region and NIB are shown but fixed once verified."""

    def __init__(self, *args, artisan, **kwargs):
        super().__init__(*args, **kwargs)
        self.business_fields()
        self.fields["photo"].label = _("New photo")
        if artisan.is_verified:
            for name in ("name", "region", "nib"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Verified by the council: ask %(council)s to change it."
                ) % {"council": artisan.region.council_name}

    @classmethod
    def initial_for(cls, artisan) -> dict:
        return {
            "name": artisan.name, "region": artisan.region_id, "nib": artisan.nib,
            "crafts": list(artisan.crafts.all()), "phone": artisan.phone,
            "story_id": artisan.story_id, "story_en": artisan.story_en,
            "address": artisan.address, "language": artisan.language,
        }


class LoginAddForm(FormTokenMixin, forms.Form):
    """Another login for the business, by email; once per form (a one-time token)."""

    email = forms.EmailField(
        label=_("Email of the new login"),
        help_text=_("Someone without an account gets an email to choose a password."),
    )


class LoginRemoveForm(forms.Form):
    """Which login to remove; it is looked up among the business's own logins only."""

    login = forms.IntegerField(widget=forms.HiddenInput)


class VerifyForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it declined?"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The business reads this and can fix its application and send it again."),
    )


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All")), ("pending", _("Waiting")), ("verified", _("Verified")),
                 ("declined", _("Declined"))],
    )
