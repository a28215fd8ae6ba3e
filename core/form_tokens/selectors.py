"""Reading a spent form token, to answer a form sent again before its fields are checked."""
from core.form_tokens.models import UsedFormToken
from core.form_tokens.services import _user_id, form_token_valid


def form_token_earlier(*, kind: str, token: str, user=None) -> int | None:
    """The id of what the first submit of this form made, once committed; else None.

    For a form whose fields a sent-again copy would fail (the join form's email is
    taken by the first submit): the view answers with the earlier thing instead.
    Only a read: the creating service's claim (services.form_token_claim) decides
    when two submits arrive at once. A token spent by another login counts as unspent
    here; the claim refuses it.
    """
    if not form_token_valid(token):
        return None
    return (
        UsedFormToken.objects.filter(kind=kind, token=token, user_id=_user_id(user))
        .values_list("object_id", flat=True).first()
    )
