"""The customer app's views (Oscar's get_class loads these in place of Oscar's):
sign-up and sign-in made to work with the security backends.

django-axes counts failed sign-ins per request, so every call to authenticate()
must carry the request: AxesStandaloneBackend refuses a call without one (it
raises AxesBackendRequestParameterRequired, a 500 for the buyer). Oscar's
registration signs the new user in with authenticate(username=..., password=...)
and no request, and the checkout's "I have an account" form is built without the
request; these views pass it. Every other customer view is Oscar's.
"""
import logging

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from oscar.apps.customer import views as customer_views
from oscar.apps.customer.forms import EmailUserCreationForm
from oscar.apps.customer.signals import user_registered

from core.form_tokens.forms import FormTokenMixin
from core.form_tokens.selectors import form_token_earlier
from core.form_tokens.services import form_token_once

logger = logging.getLogger(__name__)

EMAIL_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"
#: The sign-up form's one-time token (core.form_tokens).
REGISTRATION_FORM_KIND = "customer.registration"


class RegistrationForm(FormTokenMixin, EmailUserCreationForm):
    """Oscar's sign-up form with a one-time token: sent twice, it makes one account."""


class RequestAwareRegisterUserMixin:
    """Oscar's RegisterUserMixin.register_user, with the request passed to authenticate.

    The account is made once per form (core.form_tokens): a copy of the form sent
    again (a double click) signs in the account the first copy made, when it carries
    its password, instead of answering "a user with that email address already
    exists"; two copies at once make one account.
    """

    def register_user(self, form):
        User = get_user_model()
        user, created = form_token_once(
            kind=REGISTRATION_FORM_KIND, token=form.cleaned_data["form_token"], user=None,
            model=User, create=form.save,
        )
        if not created:
            return self.sign_in_again(user, password=form.cleaned_data["password1"])
        user_registered.send_robust(sender=self, request=self.request, user=user)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        try:
            signed_in = authenticate(self.request, username=user.email,
                                     password=form.cleaned_data["password1"])
        except User.MultipleObjectsReturned:
            # Two sign-up forms with one email sent at once (two tabs; one form sent
            # twice makes one account, by its token) made two accounts before either
            # committed: keep the first, as Oscar does, and switch the others off.
            logger.warning("Two registrations for one email at once; keeping the first.")
            users = list(User.objects.filter(email=user.email).order_by("pk"))
            signed_in = users[0]
            signed_in.backend = EMAIL_BACKEND
            for duplicate in users[1:]:
                duplicate.is_active = False
                duplicate.save(update_fields=["is_active"])
        if signed_in is None:
            # Only when a lockout of this address and email refuses the sign-in:
            # the account exists, and the buyer signs in once the lockout ends.
            return user
        auth_login(self.request, signed_in)
        return signed_in

    def sign_in_again(self, user, *, password: str):
        """The account a first copy of the form made: signed in when the password is its own."""
        if user is not None and password and user.check_password(password):
            auth_login(self.request, user, backend=EMAIL_BACKEND)
        return user

    def sent_again(self, prefix: str | None = None):
        """The answer to a sign-up form whose first copy made the account, else None.

        Checked before the form, whose own check would find the email taken.
        """
        def posted(name: str) -> str:
            return self.request.POST.get(f"{prefix}-{name}" if prefix else name, "")

        earlier = form_token_earlier(kind=REGISTRATION_FORM_KIND, token=posted("form_token"),
                                     user=None)
        if earlier is None:
            return None
        User = get_user_model()
        self.sign_in_again(User.objects.filter(pk=earlier).first(),
                           password=posted("password1"))
        return redirect(settings.LOGIN_REDIRECT_URL)


class AccountRegistrationView(RequestAwareRegisterUserMixin,
                              customer_views.AccountRegistrationView):
    form_class = RegistrationForm

    def post(self, request, *args, **kwargs):
        return self.sent_again() or super().post(request, *args, **kwargs)


class AccountAuthView(RequestAwareRegisterUserMixin, customer_views.AccountAuthView):
    registration_form_class = RegistrationForm

    def validate_registration_form(self):
        return self.sent_again(self.registration_prefix) or super().validate_registration_form()


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's "choose a new password" page, as Oscar routes it, ending any lockout.

    Whoever follows the emailed link owns the address: the failed sign-ins counted
    against it (from every address) are forgotten, so the new password works at
    once instead of after the hour's pause.
    """

    success_url = reverse_lazy("password-reset-complete")
    template_name = "oscar/registration/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.email.strip().lower())
        return response
