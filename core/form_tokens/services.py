"""Spending a form's one-time token, inside the transaction that creates the thing."""
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from core.form_tokens.errors import FormTokenUsedElsewhere
from core.form_tokens.models import UsedFormToken

#: A token as form_token_new makes it (uuid4 hex); anything else is refused by the forms.
TOKEN_RE = re.compile(r"[0-9a-f]{32}")


def form_token_new() -> str:
    """A fresh token for one rendering of a form that creates something."""
    return uuid.uuid4().hex


def form_token_valid(token: str) -> bool:
    return bool(TOKEN_RE.fullmatch(token or ""))


def _user_id(user) -> int | None:
    """The id of a signed-in user, None for a visitor."""
    return user.pk if user is not None and user.is_authenticated else None


def form_token_claim(*, kind: str, token: str, user=None) -> int | None:
    """Spend the form's `token` for a `kind` of thing in the caller's transaction.

    Returns None when this call spent it: the caller creates its row, then calls
    form_token_record in the same transaction. Returns the id the earlier submit
    recorded when the token was already spent: the caller creates nothing and answers
    with that thing. Two submits at once: the UNIQUE (kind, token) constraint makes
    the second wait for the first one's transaction, then find its id (PostgreSQL).

    Raises ValueError outside a transaction or for a token not in form_token_new's
    shape, FormTokenUsedElsewhere (a PermissionDenied: 403) when another login spent
    the token.
    """
    if not transaction.get_connection().in_atomic_block:
        raise ValueError("form_token_claim runs inside the creating transaction.")
    if not form_token_valid(token):
        raise ValueError("Not a one-time form token.")
    user_id = _user_id(user)
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(kind=kind, token=token, user_id=user_id)
        return None
    except IntegrityError:
        pass
    earlier = UsedFormToken.objects.get(kind=kind, token=token)
    if earlier.user_id != user_id:
        raise FormTokenUsedElsewhere
    return earlier.object_id


def form_token_record(*, kind: str, token: str, object_id: int) -> None:
    """Name what the submit that claimed `token` created (same transaction as the claim).

    Raises ValueError if this transaction did not claim the token.
    """
    written = UsedFormToken.objects.filter(
        kind=kind, token=token, object_id__isnull=True,
    ).update(object_id=object_id)
    if written != 1:
        raise ValueError("form_token_record needs the token claimed in this transaction.")


def form_token_once(*, kind: str, token: str, user, model, create: Callable[[], Any]
                    ) -> tuple[Any | None, bool]:
    """Run `create` once per form token, in one transaction with spending the token.

    For a form whose saving is someone else's code (Oscar's forms): returns what
    `create` made and True, or, for a copy sent again, the `model` row the first
    submit made (None if it was deleted since) and False.

    Raises what form_token_claim and `create` raise.
    """
    with transaction.atomic():
        earlier = form_token_claim(kind=kind, token=token, user=user)
        if earlier is not None:
            return model._default_manager.filter(pk=earlier).first(), False
        created = create()
        form_token_record(kind=kind, token=token, object_id=created.pk)
    return created, True
