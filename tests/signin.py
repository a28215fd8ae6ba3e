"""Signing in as a person does: through the login page, with django-axes on."""
from django.urls import reverse


def sign_in(client, *, email: str, password: str, address: str = "127.0.0.1"):
    """Post Oscar's login form from `address`; return the response."""
    return client.post(
        reverse("customer:login"),
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=address,
    )


def signed_in_user_id(client):
    """The id of the user the client's session belongs to, or None."""
    from django.contrib.auth import SESSION_KEY

    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None
