"""Oscar's sign-up and sign-in views, made to work with the security backends.

django-axes counts failed sign-ins per request, so every call to authenticate()
must carry the request: AxesStandaloneBackend refuses a call without one (it
raises AxesBackendRequestParameterRequired, a 500 for the buyer). Oscar's
registration signs the new user in with authenticate(username=..., password=...)
and no request, and the checkout's "I have an account" form is built without the
request; these views pass it. Routed in shop/urls.py ahead of Oscar's own.
"""
import logging

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from oscar.apps.customer import views as customer_views
from oscar.apps.customer.signals import user_registered

logger = logging.getLogger(__name__)

EMAIL_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"


class RequestAwareRegisterUserMixin:
    """Oscar's RegisterUserMixin.register_user, with the request passed to authenticate."""

    def register_user(self, form):
        user = form.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        User = get_user_model()
        try:
            signed_in = authenticate(self.request, username=user.email,
                                     password=form.cleaned_data["password1"])
        except User.MultipleObjectsReturned:
            # The same form sent twice at once made two accounts before either
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


class AccountRegistrationView(RequestAwareRegisterUserMixin,
                              customer_views.AccountRegistrationView):
    pass


class AccountAuthView(RequestAwareRegisterUserMixin, customer_views.AccountAuthView):
    pass


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
