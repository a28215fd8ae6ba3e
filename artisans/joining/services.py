"""Joining the marketplace: a business applies, its council answers, it keeps its profile.

An application is the Artisan row itself, whose admission_state is a small
workflow:

| action    | by                          | from     | to       |
|-----------|-----------------------------|----------|----------|
| apply     | the business's first login  | —        | pending  |
| verify    | a curator of its region     | pending  | verified |
| decline   | a curator of its region, with a note | pending | declined |
| reapply   | a login of the business     | declined | pending  |

Until it is verified a business can prepare drafts but not submit them
(curation.guards). Every step appends one artisans.AdmissionEvent (who, from, to,
note, when) in the transaction that makes it, so the history of every round, each
decision with its curator and note, outlives reapplications; nothing on the
artisan row is overwritten but its state.

Each public function runs in one transaction. Verify, decline and apply-again lock
the artisan row first and then check its state, so two curators answering at once
apply exactly one answer; the other gets AlreadyDecided. Emails go out through
artisans.joining.tasks after the commit (the outbox).

Name, region and NIB of a verified business are what the council vouched for:
artisan_update refuses to change them (ProfileLocked) and the business asks its
council, which changes them in the admin. The simpler alternative, sending the
business back to pending on such a change, would take its products' submit button
away for a typo fix and leave no record of what was vouched for.
"""
import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.customer.forms import generate_username
from oscar.apps.customer.utils import normalise_email
from oscar.core.utils import slugify

from catalogue import photos
from catalogue.photo_storage import artisan_photo_follow
from catalogue.photos import photo_writes_undone_on_failure
from catalogue.errors import InvalidPhoto
from catalogue.portraits import portrait_prepare
from artisans.joining import tasks
from artisans.joining.events import admission_event_record
from artisans.joining.errors import (
    AccountTaken, AlreadyDecided, InvalidApplication, LoginRule, NotAllowed, ProfileLocked,
)
from artisans.models import TRANSITIONS, AdmissionEvent
from catalogue.models import AdmissionState, Artisan, ProductClass, Region
from curation.selectors import user_curates_region
from partner.models import Partner
from core.form_tokens.services import form_token_claim, form_token_record
from core.outbox.services import outbox_enqueue

User = get_user_model()

#: Nomor Induk Berusaha: the business number OSS (oss.go.id) issues, 13 digits.
NIB_RE = re.compile(r"^[0-9]{13}$")
#: What the council vouched for when it verified the business.
LOCKED_WHEN_VERIFIED = ("name", "region", "nib")
#: The join form's one-time token (core.form_tokens): a business made once per form.
APPLICATION_FORM_KIND = "joining.application"
#: The form adding a login to the business.
LOGIN_FORM_KIND = "joining.login"
MAX_NOTE = 2000


# --- checks -------------------------------------------------------------------

def _clean_nib(nib: str) -> str:
    nib = re.sub(r"[\s.-]", "", nib or "")
    if not NIB_RE.match(nib):
        raise InvalidApplication(
            _("The NIB is the 13-digit Nomor Induk Berusaha from OSS; “%(nib)s” is not one.")
            % {"nib": nib}
        )
    return nib


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise InvalidApplication(_("The business needs a name."))
    return name[:160]


def _require_member(artisan: Artisan, user) -> None:
    if not (user.is_authenticated and artisan.partner.users.filter(pk=user.pk).exists()):
        raise NotAllowed(_("Only a login of this business can do that."))


def _require_curator(artisan: Artisan, user) -> None:
    if not user_curates_region(user=user, region_id=artisan.region_id):
        raise NotAllowed(_("Only a curator of this business's region can answer its application."))
    if artisan.partner.users.filter(pk=user.pk).exists():
        raise NotAllowed(_("You cannot answer your own business's application: "
                           "another curator must."))


def _require_pending(artisan: Artisan) -> None:
    if artisan.admission_state != AdmissionState.PENDING:
        status = _("verified") if artisan.is_verified else _("declined")
        raise AlreadyDecided(
            _("The application of “%(name)s” is already %(status)s. "
              "Reload the page to see who answered.") % {"name": artisan.name, "status": status}
        )


def _lock_artisan(artisan_id: int) -> Artisan:
    """Lock the artisan row; every answer to an application starts here."""
    return (
        Artisan.objects.select_for_update(of=("self",))
        .select_related("region", "partner")
        .get(pk=artisan_id)
    )


def _clean_note(note: str) -> str:
    return (note or "").strip()[:MAX_NOTE]


# --- writes inside a transaction ---------------------------------------------

def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(name) or "perajin")[:160]
    taken = Artisan.objects.exclude(pk=exclude_pk)
    slug = base
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{uuid.uuid4().hex[:6]}"
    return slug


def _photo_set(artisan: Artisan, photo: File) -> None:
    try:
        content, extension = portrait_prepare(file=photo)
        photos.photo_file_save(
            artisan.photo, f"{artisan.slug}-{uuid.uuid4().hex[:8]}.{extension}", content)
    except InvalidPhoto as exc:  # PhotoNotStored too: storage full or read-only
        raise InvalidApplication(str(exc)) from exc


def _crafts_set(artisan: Artisan, crafts: Iterable[ProductClass]) -> None:
    crafts = list(crafts)
    known = set(ProductClass.objects.filter(pk__in=[c.pk for c in crafts])
                .values_list("pk", flat=True))
    if len(known) != len({c.pk for c in crafts}):
        raise InvalidApplication(_("One of the crafts does not exist."))
    artisan.crafts.set(crafts)


def _notify_application(event: AdmissionEvent) -> None:
    outbox_enqueue(task=tasks.artisan_application_notify, kwargs={
        "artisan_id": event.artisan_id, "stamp": event.created_at.isoformat()})


def _notify_decision(event: AdmissionEvent) -> None:
    outbox_enqueue(task=tasks.artisan_decision_notify, kwargs={"event_id": event.pk})


def _transition(artisan: Artisan, *, kind: str, actor, note: str = "") -> AdmissionEvent:
    """Move the locked `artisan` by `kind` and append its event, both dated alike.

    The caller has locked the row and checked who acts and that the state allows
    the move; a state that does not is a bug here, not a user's error.
    """
    from_state, to_state = TRANSITIONS[kind]
    if artisan.admission_state != from_state:
        raise AssertionError(f"{kind} from {artisan.admission_state}")
    at = timezone.now()
    artisan.admission_state = to_state
    artisan.is_verified = to_state == AdmissionState.VERIFIED
    artisan.verified_at = at if artisan.is_verified else None
    artisan.save(update_fields=["admission_state", "is_verified", "verified_at", "updated_at"])
    return admission_event_record(artisan=artisan, kind=kind, actor=actor,
                                  from_state=from_state, to_state=to_state, note=note, at=at)


# --- joining ------------------------------------------------------------------

def account_create(*, email: str, password: str | None = None, first_name: str = "",
                   last_name: str = ""):
    """A new login that signs in by email (Oscar's EmailBackend); no password: unusable.

    The username is the email when it fits and is free, else a random one as Oscar's
    registration makes. Raises AccountTaken if the email already has an account.
    """
    email = normalise_email(email or "").strip()
    if not email or "@" not in email:
        raise InvalidApplication(_("Give an email address."))
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise AccountTaken(
                _("%(email)s already has an account: sign in first.") % {"email": email}
            )
        username = email.lower()
        if len(username) > 150 or User.objects.filter(username__iexact=username).exists():
            username = generate_username()
        user = User(username=username, email=email, first_name=first_name[:150],
                    last_name=last_name[:150])
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return user


def artisan_apply(*, user, name: str, region: Region, nib: str, phone: str,
                  crafts: Iterable[ProductClass] = (), story_id: str = "", story_en: str = "",
                  photo: File | None = None, address: str = "",
                  language: str = settings.LANGUAGE_CODE, form_token: str = "") -> Artisan:
    """Create `user`'s business as a pending application and tell its region's curators.

    Makes the Oscar Partner (whose users are the business's logins), the Artisan and
    the first event of its admission history ("applied", by `user`).
    `form_token` is the join form's one-time token: the same form sent again (a
    double click, even at the same moment) makes nothing and returns the business
    the first submit made.

    Raises AccountTaken if the user already belongs to a business, InvalidApplication
    for a malformed NIB, a missing name, an unknown craft or a refused photo,
    FormTokenUsedElsewhere when another login spent `form_token`.
    """
    name, nib = _clean_name(name), _clean_nib(nib)
    with photo_writes_undone_on_failure(), transaction.atomic():
        if form_token:
            earlier = form_token_claim(kind=APPLICATION_FORM_KIND, token=form_token, user=user)
            if earlier is not None:
                return Artisan.objects.get(pk=earlier)
        if Artisan.objects.filter(partner__users=user).exists():
            raise AccountTaken(_("This login already belongs to a business."))
        partner = Partner.objects.create(name=name)
        partner.users.add(user)
        artisan = Artisan(
            partner=partner, name=name, slug=_unique_slug(name), region=region, nib=nib,
            phone=(phone or "").strip(), story_id=story_id.strip(), story_en=story_en.strip(),
            address=address.strip(), language=language, email=user.email,
        )
        if photo:
            _photo_set(artisan, photo)
        artisan.save()
        _crafts_set(artisan, crafts)
        _notify_application(admission_event_record(
            artisan=artisan, kind=AdmissionEvent.Kind.APPLIED, actor=user,
            from_state="", to_state=AdmissionState.PENDING, at=artisan.created_at))
        if form_token:
            form_token_record(kind=APPLICATION_FORM_KIND, token=form_token, object_id=artisan.pk)
    return artisan


def artisan_signup(*, email: str, password: str, first_name: str = "", last_name: str = "",
                   form_token: str = "", **business: Any) -> Artisan:
    """A new login and its business, in one transaction: neither exists without the other.

    `business` takes artisan_apply's arguments except `user`. `form_token` is the
    join form's one-time token, spent before the login is made: the same form sent
    again returns the business the first submit made instead of finding its email
    taken. Raises what account_create and artisan_apply raise.
    """
    with transaction.atomic():
        if form_token:
            earlier = form_token_claim(kind=APPLICATION_FORM_KIND, token=form_token, user=None)
            if earlier is not None:
                return Artisan.objects.get(pk=earlier)
        user = account_create(email=email, password=password, first_name=first_name,
                              last_name=last_name)
        artisan = artisan_apply(user=user, **business)
        if form_token:
            form_token_record(kind=APPLICATION_FORM_KIND, token=form_token, object_id=artisan.pk)
        return artisan


def artisan_update(*, artisan_id: int, user, name: str, region: Region, nib: str, phone: str,
                   crafts: Iterable[ProductClass], story_id: str = "", story_en: str = "",
                   address: str = "", language: str = settings.LANGUAGE_CODE,
                   photo: File | None = None) -> Artisan:
    """Save the business's profile (its maker page); a new `photo` replaces the old one.

    Raises NotAllowed unless `user` is one of its logins, ProfileLocked when name,
    region or NIB of a verified business would change, InvalidApplication as
    artisan_apply does.
    """
    name, nib = _clean_name(name), _clean_nib(nib)
    with photo_writes_undone_on_failure(), transaction.atomic():
        artisan = _lock_artisan(artisan_id)
        _require_member(artisan, user)
        if artisan.is_verified and (name, region.pk, nib) != (
                artisan.name, artisan.region_id, artisan.nib):
            raise ProfileLocked(
                _("The council verified this business's name, region and NIB: "
                  "ask %(council)s to change them.") % {"council": artisan.region.council_name}
            )
        fields = ["story_id", "story_en", "phone", "address", "language", "updated_at"]
        artisan.story_id, artisan.story_en = story_id.strip(), story_en.strip()
        artisan.phone, artisan.address = (phone or "").strip(), address.strip()
        artisan.language = language
        if not artisan.is_verified:
            if name != artisan.name:
                artisan.partner.name = name
                artisan.partner.save(update_fields=["name"])
            artisan.name, artisan.region, artisan.nib = name, region, nib
            fields += ["name", "region", "nib"]
        if photo:
            _photo_set(artisan, photo)
            fields.append("photo")
        artisan.save(update_fields=fields)
        _crafts_set(artisan, crafts)
    return artisan


def artisan_reapply(*, artisan_id: int, user) -> Artisan:
    """Send a declined application to the council again: it is pending once more.

    The decline, with its curator and note, stays in the admission history for the
    curators to compare. Raises NotAllowed unless `user` is one of its logins,
    AlreadyDecided unless the application was declined.
    """
    with transaction.atomic():
        artisan = _lock_artisan(artisan_id)
        _require_member(artisan, user)
        if artisan.admission_state != AdmissionState.DECLINED:
            raise AlreadyDecided(_("Only a declined application can be sent again."))
        event = _transition(artisan, kind=AdmissionEvent.Kind.REAPPLIED, actor=user)
        _notify_application(event)
    return artisan


def artisan_verify(*, artisan_id: int, user, note: str = "") -> Artisan:
    """A curator of the business's region verifies its application; its logins are emailed.

    Raises NotAllowed unless `user` curates the region (and is not one of the
    business's logins), AlreadyDecided unless the application is pending.
    """
    with photo_writes_undone_on_failure(), transaction.atomic():
        artisan = _lock_artisan(artisan_id)
        _require_curator(artisan, user)
        _require_pending(artisan)
        event = _transition(artisan, kind=AdmissionEvent.Kind.VERIFIED, actor=user,
                            note=_clean_note(note))
        artisan_photo_follow(artisan=artisan)  # the maker page's portrait becomes public
        _notify_decision(event)
    return artisan


def artisan_decline(*, artisan_id: int, user, note: str) -> Artisan:
    """A curator of the region declines the application, saying why; its logins are emailed.

    Raises InvalidApplication without a note, NotAllowed unless `user` curates the
    region (and is not one of the business's logins), AlreadyDecided unless the
    application is pending.
    """
    note = _clean_note(note)
    if not note:
        raise InvalidApplication(_("Say why the application is declined: the business reads it."))
    with transaction.atomic():
        artisan = _lock_artisan(artisan_id)
        _require_curator(artisan, user)
        _require_pending(artisan)
        event = _transition(artisan, kind=AdmissionEvent.Kind.DECLINED, actor=user, note=note)
        _notify_decision(event)
    return artisan


# --- logins -------------------------------------------------------------------

def artisan_login_add(*, artisan_id: int, user, email: str, form_token: str = ""):
    """Give the business another login, by email; returns that login.

    A person without an account gets one with no password and an email with a link
    to choose it; an existing account that belongs to no business is attached and
    told so. `form_token` is the form's one-time token: the same form sent again (a
    double click) adds nothing and returns the login the first submit added.
    Raises NotAllowed unless `user` is one of its logins, AccountTaken when the
    account already belongs to a business (this one or another),
    FormTokenUsedElsewhere when another login spent `form_token`.
    """
    email = normalise_email(email or "").strip()
    with transaction.atomic():
        artisan = _lock_artisan(artisan_id)
        _require_member(artisan, user)
        if form_token:
            earlier = form_token_claim(kind=LOGIN_FORM_KIND, token=form_token, user=user)
            if earlier is not None:
                return User.objects.get(pk=earlier)
        existing = list(User.objects.filter(email__iexact=email))
        if len(existing) > 1:
            raise AccountTaken(_("More than one account uses %(email)s; ask the council.")
                               % {"email": email})
        if existing:
            login, created = existing[0], False
            if Artisan.objects.filter(partner__users=login).exists():
                raise AccountTaken(
                    _("%(email)s is already a login of a business.") % {"email": email})
        else:
            login, created = account_create(email=email), True
        artisan.partner.users.add(login)
        stamp = timezone.now().isoformat()
        outbox_enqueue(task=tasks.artisan_login_added_notify, kwargs={
            "artisan_id": artisan.pk, "user_id": login.pk, "created": created, "stamp": stamp})
        if form_token:
            form_token_record(kind=LOGIN_FORM_KIND, token=form_token, object_id=login.pk)
    return login


def artisan_login_remove(*, artisan_id: int, user, login_id: int) -> None:
    """Take a login away from the business; the account itself stays.

    Raises NotAllowed unless `user` is one of its logins, LoginRule for oneself,
    User.DoesNotExist when `login_id` is not one of its logins. Since only a login may
    remove, and not itself, the last login can never be removed.
    """
    with transaction.atomic():
        artisan = _lock_artisan(artisan_id)
        _require_member(artisan, user)
        login = artisan.partner.users.get(pk=login_id)
        if login.pk == user.pk:
            raise LoginRule(_("You cannot remove yourself; another login of the business can."))
        artisan.partner.users.remove(login)
