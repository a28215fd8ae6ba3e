"""The council's curation criteria: the admin's writes and the reads that pick them.

A criterion that has been used (a curator judged it, or an artisan uploaded evidence
for it) is part of the record: it is never deleted and its code never changes; the
council retires it by taking it out of use (`is_active=False`).
"""
from collections.abc import Iterable
from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalogue.models import ProductClass
from curation.errors import CurationError
from curation.models import Criterion, CriterionResult, Evidence
from core.form_tokens.services import form_token_claim, form_token_record

#: Gap left between neighbours' display_order, so a hand-typed order can slot in between.
ORDER_STEP = 10
#: The criterion form's one-time token (core.form_tokens).
CRITERION_FORM_KIND = "curation.criterion"
_CODE_MAX = Criterion._meta.get_field("code").max_length


class CriterionInUse(CurationError):
    """The criterion has results or evidence: it can be taken out of use, not deleted."""


class CriterionCodeTaken(CurationError):
    """Another criterion already has this code."""


# --- Reads ------------------------------------------------------------------------


def _crafts_through():
    return Criterion.crafts.through


def criteria_for_product_class(*, product_class: ProductClass | None) -> QuerySet[Criterion]:
    """The criteria in use for products of this craft, in the council's order.

    A criterion applies when it names no craft (it is for every craft) or names this
    one. A product without a class (None) gets only the criteria for every craft.
    """
    through = _crafts_through()
    for_any_craft = ~Exists(through.objects.filter(criterion=OuterRef("pk")))
    condition = Q(for_any_craft)
    if product_class is not None:
        condition |= Q(Exists(through.objects.filter(
            criterion=OuterRef("pk"), productclass=product_class
        )))
    return Criterion.objects.filter(condition, is_active=True).order_by("display_order", "pk")


def criteria_for_dashboard() -> QuerySet[Criterion]:
    """Every criterion, retired ones too, with its crafts and whether it has been used."""
    return (
        Criterion.objects.annotate(is_used=_used_expression())
        .prefetch_related("crafts")
        .order_by("display_order", "pk")
    )


def criterion_is_used(*, criterion: Criterion) -> bool:
    """Whether a decision judged this criterion or an artisan uploaded evidence for it."""
    return (
        CriterionResult.objects.filter(criterion=criterion).exists()
        or Evidence.objects.filter(criterion=criterion).exists()
    )


def _used_expression():
    return Q(Exists(CriterionResult.objects.filter(criterion=OuterRef("pk")))) | Q(
        Exists(Evidence.objects.filter(criterion=OuterRef("pk")))
    )


def criterion_code_suggest(*, name: str, exclude_pk: int | None = None) -> str:
    """A free code made from `name` ("Fair price" -> "fair-price", then "fair-price-2")."""
    base = slugify(name)[:_CODE_MAX].strip("-") or "criterion"
    taken = set(
        Criterion.objects.exclude(pk=exclude_pk)
        .filter(code__startswith=base)
        .values_list("code", flat=True)
    )
    code, n = base, 1
    while code in taken:
        n += 1
        suffix = f"-{n}"
        code = base[: _CODE_MAX - len(suffix)] + suffix
    return code


# --- Writes -----------------------------------------------------------------------


def criterion_create(
    *,
    name_id: str,
    name_en: str,
    code: str = "",
    guidance_id: str = "",
    guidance_en: str = "",
    is_mandatory: bool = True,
    asks_evidence: bool = False,
    crafts: Iterable[ProductClass] = (),
    is_active: bool = True,
    display_order: int | None = None,
    form_token: str = "",
    user=None,
) -> Criterion:
    """Add a criterion to the council's list.

    A blank code is made from the English name (or the Indonesian one); a blank
    order puts the criterion last. No crafts means every craft. `form_token` is the
    criterion form's one-time token, spent by `user`: the same form sent again (a
    double click, which with a blank code made a second criterion "code-2") adds
    nothing and returns the criterion the first submit added.
    Raises CriterionCodeTaken if another criterion already has the code,
    FormTokenUsedElsewhere when another login spent `form_token`.
    """
    with transaction.atomic():
        if form_token:
            earlier = form_token_claim(kind=CRITERION_FORM_KIND, token=form_token, user=user)
            if earlier is not None:
                return Criterion.objects.get(pk=earlier)
        if not code:
            code = criterion_code_suggest(name=name_en or name_id)
        elif Criterion.objects.filter(code=code).exists():
            raise _code_taken(code)
        if display_order is None:
            display_order = _next_order()
        criterion = Criterion(
            code=code, name_id=name_id, name_en=name_en, guidance_id=guidance_id,
            guidance_en=guidance_en, is_mandatory=is_mandatory, asks_evidence=asks_evidence,
            is_active=is_active, display_order=display_order,
        )
        try:
            with transaction.atomic():
                criterion.save()
        except IntegrityError as error:  # the same code saved at the same moment
            raise _code_taken(code) from error
        criterion.crafts.set(list(crafts))
        if form_token:
            form_token_record(kind=CRITERION_FORM_KIND, token=form_token, object_id=criterion.pk)
    return criterion


def criterion_update(
    *,
    criterion: Criterion,
    code: str | None = None,
    name_id: str | None = None,
    name_en: str | None = None,
    guidance_id: str | None = None,
    guidance_en: str | None = None,
    is_mandatory: bool | None = None,
    asks_evidence: bool | None = None,
    crafts: Iterable[ProductClass] | None = None,
    is_active: bool | None = None,
    display_order: int | None = None,
) -> Criterion:
    """Change the given fields of a criterion; arguments left None are unchanged.

    Retiring a criterion is `is_active=False`: it stops being asked of new decisions
    while past decisions keep it. A blank code keeps the current one.
    Raises CriterionInUse when changing the code of a used criterion (past decisions
    record it) and CriterionCodeTaken when another criterion has the new code.
    """
    values = {
        "name_id": name_id, "name_en": name_en, "guidance_id": guidance_id,
        "guidance_en": guidance_en, "is_mandatory": is_mandatory,
        "asks_evidence": asks_evidence, "is_active": is_active,
        "display_order": display_order,
    }
    changes = {field: value for field, value in values.items() if value is not None}
    with transaction.atomic():
        criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
        if code and code != criterion.code:
            if criterion_is_used(criterion=criterion):
                raise CriterionInUse(
                    _("“%(name)s” has been used in decisions, so its code cannot change.")
                    % {"name": criterion}
                )
            if Criterion.objects.filter(code=code).exclude(pk=criterion.pk).exists():
                raise _code_taken(code)
            changes["code"] = code
        for field, value in changes.items():
            setattr(criterion, field, value)
        if changes:
            criterion.save(update_fields=list(changes))
        if crafts is not None:
            criterion.crafts.set(list(crafts))
    return criterion


def criterion_delete(*, criterion: Criterion) -> None:
    """Delete a criterion that has never been used.

    Raises CriterionInUse if a decision judged it or an artisan uploaded evidence for
    it: such a criterion is part of the record and can only be taken out of use.
    """
    with transaction.atomic():
        criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
        if criterion_is_used(criterion=criterion):
            raise CriterionInUse(
                _("“%(name)s” has been used in decisions or has evidence, so it cannot be "
                  "deleted. Take it out of use instead: past decisions keep it, new ones "
                  "no longer ask for it.") % {"name": criterion}
            )
        criterion.delete()


def criterion_move(*, criterion: Criterion, direction: Literal["up", "down"]) -> None:
    """Swap a criterion with its neighbour in the council's order.

    The whole list is renumbered in steps of ORDER_STEP, so criteria that shared an
    order (the default 0) get distinct places. Moving the first up or the last down
    changes nothing.
    """
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', not {direction!r}")
    with transaction.atomic():
        # Lock every row in one order, so two admins reordering at once queue up.
        ordered = list(Criterion.objects.select_for_update().order_by("display_order", "pk"))
        index = next(i for i, c in enumerate(ordered) if c.pk == criterion.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        changed = []
        for position, item in enumerate(ordered, start=1):
            if item.display_order != position * ORDER_STEP:
                item.display_order = position * ORDER_STEP
                changed.append(item)
        Criterion.objects.bulk_update(changed, ["display_order"])


def _next_order() -> int:
    highest = Criterion.objects.aggregate(highest=Max("display_order"))["highest"]
    return (highest or 0) + ORDER_STEP


def _code_taken(code: str) -> CriterionCodeTaken:
    return CriterionCodeTaken(
        _("Another criterion already has the code “%(code)s”.") % {"code": code}
    )
