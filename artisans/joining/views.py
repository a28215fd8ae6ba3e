"""Joining's pages: the public application, the council's list and answer, and the
artisan's profile with its logins.

Thin views: forms check shapes, artisans.joining.services decides. A business is
never named by the request: the artisan's views take it from the signed-in login
(ArtisanRequiredMixin), the curators' from their regions (applications_for_curator),
so another region's application is a 404 and a non-curator gets 403.
"""
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from artisans.joining import services
from artisans.joining.errors import AccountTaken, JoiningError
from artisans.joining.forms import (
    ApplicationFilterForm, ApplicationForm, DeclineForm, LoginAddForm, LoginRemoveForm,
    ProfileForm, VerifyForm,
)
from artisans.joining.selectors import (
    admission_history, admission_latest_decision, applications_for_curator, logins_of_artisan,
)
from artisans.access import ArtisanRequiredMixin
from catalogue.models import Artisan
from catalogue.selectors import artisan_for_user
from curation.views import CuratorRequiredMixin
from core.form_tokens.selectors import form_token_earlier

EMAIL_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"


# --- applying -------------------------------------------------------------------

class ApplicationCreateView(FormView):
    """Sign up as an artisan business; signed in without a business, just apply."""

    template_name = "joining/apply.html"
    form_class = ApplicationForm

    def dispatch(self, request, *args, **kwargs):
        if artisan_for_user(user=request.user) is not None:
            messages.info(request, _("Your login already belongs to a business."))
            return redirect("portal-artisan-profile")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "with_account": not self.request.user.is_authenticated}

    def get_context_data(self, **kwargs):
        login_url = reverse("customer:login") + "?" + urlencode({"next": self.request.path})
        return super().get_context_data(login_url=login_url, **kwargs)

    def post(self, request, *args, **kwargs):
        # The form sent again after its first submit made the business and the login:
        # its email is taken now, so answer with what the first one made.
        earlier = form_token_earlier(kind=services.APPLICATION_FORM_KIND,
                                     token=request.POST.get("form_token", ""), user=request.user)
        if earlier is not None and not request.user.is_authenticated:
            artisan = Artisan.objects.get(pk=earlier)
            if self.signed_in(artisan, email=request.POST.get("email", ""),
                              password=request.POST.get("password1", "")):
                return self.welcome(artisan)
            messages.info(request, _("Your application is received: sign in with the email "
                                     "and password you chose."))
            return redirect(reverse("customer:login") + "?" + urlencode(
                {"next": reverse("portal-product-list")}))
        return super().post(request, *args, **kwargs)

    def signed_in(self, artisan, *, email: str, password: str) -> bool:
        """Sign in the business's new login, when the form sent its password."""
        user = artisan.partner.users.filter(email__iexact=email).first()
        if user is None or not password or not user.check_password(password):
            return False
        login(self.request, user, backend=EMAIL_BACKEND)
        return True

    def form_valid(self, form):
        token = form.cleaned_data["form_token"]
        try:
            if form.with_account:
                artisan = services.artisan_signup(**form.account_data(), **form.business_data(),
                                                  form_token=token)
            else:
                artisan = services.artisan_apply(user=self.request.user, form_token=token,
                                                 **form.business_data())
        except AccountTaken as exc:
            form.add_error("email" if form.with_account else None, str(exc))
            return self.form_invalid(form)
        except JoiningError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        if form.with_account:
            # Checked, not assumed: a form sent twice at once gets the business the
            # first submit made.
            self.signed_in(artisan, email=form.cleaned_data["email"],
                           password=form.cleaned_data["password1"])
        return self.welcome(artisan)

    def welcome(self, artisan):
        messages.success(self.request, _(
            "Welcome, %(name)s. Your application is waiting for %(council)s: you can "
            "prepare your products as drafts now, and submit them once the council has "
            "verified your business. We email you its answer."
        ) % {"name": artisan.name, "council": artisan.region.council_name})
        return redirect("portal-product-list")


# --- the council's answer ------------------------------------------------------------

class ApplicationListView(CuratorRequiredMixin, ListView):
    """The businesses of the curator's regions: pending first, oldest first."""

    template_name = "joining/application_list.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = ApplicationFilterForm(self.request.GET or None)
        status = self.filter_form.cleaned_data["status"] if self.filter_form.is_valid() else ""
        return applications_for_curator(user=self.request.user, status=status)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class ApplicationDetailView(CuratorRequiredMixin, DetailView):
    """Everything the business sent: NIB, photo, story, crafts, logins; the council's
    latest answer and the whole admission history, each step with who, when and note."""

    template_name = "joining/application_detail.html"
    context_object_name = "application"
    verify_form = decline_form = None

    def get_queryset(self):
        return applications_for_curator(user=self.request.user).select_related("partner")

    def get_context_data(self, **kwargs):
        artisan = self.object
        return super().get_context_data(
            crafts=artisan.crafts.order_by("name"),
            logins=logins_of_artisan(artisan=artisan),
            history=admission_history(artisan=artisan),
            latest_decision=admission_latest_decision(artisan=artisan),
            verify_form=self.verify_form or VerifyForm(prefix="verify"),
            decline_form=self.decline_form or DeclineForm(prefix="decline"),
            is_own=artisan.partner.users.filter(pk=self.request.user.pk).exists(),
            **kwargs,
        )


class ApplicationAnswerView(ApplicationDetailView):
    """POST: verify or decline; a refused answer shows the page again with the note kept."""

    http_method_names = ["post"]
    answer: str = ""  # "verify" or "decline"

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form_class = VerifyForm if self.answer == "verify" else DeclineForm
        form = form_class(request.POST, prefix=self.answer)
        if form.is_valid():
            service = (services.artisan_verify if self.answer == "verify"
                       else services.artisan_decline)
            try:
                service(artisan_id=self.object.pk, user=request.user,
                        note=form.cleaned_data["note"])
            except JoiningError as exc:
                form.add_error(None, str(exc))
            else:
                done = (_("“%(name)s” is verified; the business is told by email.")
                        if self.answer == "verify"
                        else _("“%(name)s” is declined; the business is told why by email."))
                messages.success(request, done % {"name": self.object.name})
                return redirect("curation-artisan-detail", pk=self.object.pk)
        setattr(self, f"{self.answer}_form", form)
        self.object.refresh_from_db()
        return self.render_to_response(self.get_context_data(), status=400)


# --- the artisan's profile and logins ------------------------------------------------

class ProfileUpdateView(ArtisanRequiredMixin, FormView):
    """The business's maker page and its logins, as the business sees them."""

    template_name = "joining/profile.html"
    form_class = ProfileForm
    login_add_form = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "artisan": self.artisan}

    def get_initial(self):
        return ProfileForm.initial_for(self.artisan)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            logins=logins_of_artisan(artisan=self.artisan),
            latest_decision=admission_latest_decision(artisan=self.artisan),
            login_add_form=self.login_add_form or LoginAddForm(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.artisan_update(artisan_id=self.artisan.pk, user=self.request.user,
                                    **form.business_data())
        except JoiningError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Your maker page is saved."))
        return redirect("portal-artisan-profile")


class ReapplyView(ArtisanRequiredMixin, View):
    """POST: send a declined application to the council again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.artisan_reapply(artisan_id=self.artisan.pk, user=request.user)
        except JoiningError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your application is sent to %(council)s again.")
                             % {"council": self.artisan.region.council_name})
        return redirect("portal-artisan-profile")


class LoginAddView(ProfileUpdateView):
    """POST: another login for the business, by email."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = LoginAddForm(request.POST)
        if form.is_valid():
            try:
                login_user = services.artisan_login_add(
                    artisan_id=self.artisan.pk, user=request.user, email=form.cleaned_data["email"],
                    form_token=form.cleaned_data["form_token"])
            except JoiningError as exc:
                form.add_error("email", str(exc))
            else:
                messages.success(request, _("%(email)s can now sign in for %(name)s; "
                                            "we sent them an email.")
                                 % {"email": login_user.email, "name": self.artisan.name})
                return redirect("portal-artisan-profile")
        self.login_add_form = form
        return self.render_to_response(self.get_context_data(form=self.get_form_class()(
            initial=self.get_initial(), artisan=self.artisan)), status=400)


class LoginRemoveView(ArtisanRequiredMixin, View):
    """POST: remove one of the business's logins (never oneself, so never the last)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = LoginRemoveForm(request.POST)
        if not form.is_valid():
            raise Http404
        # Only the business's own logins can be named; anyone else's id is a 404.
        login_user = get_object_or_404(logins_of_artisan(artisan=self.artisan),
                                       pk=form.cleaned_data["login"])
        try:
            services.artisan_login_remove(artisan_id=self.artisan.pk, user=request.user,
                                          login_id=login_user.pk)
        except JoiningError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(email)s can no longer sign in for %(name)s.")
                             % {"email": login_user.email, "name": self.artisan.name})
        return HttpResponseRedirect(reverse("portal-artisan-profile"))
