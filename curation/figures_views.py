"""The council's figures on the curator dashboard: queue, time to decision, approvals.

A curator sees the regions they serve, a superuser every region; the figures
come from curation.figures in a constant number of queries.
"""
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from curation.figures import curation_figures
from curation.selectors import regions_curated_by
from curation.views import CuratorRequiredMixin

DEFAULT_DAYS = 90


def default_since() -> date:
    return timezone.localdate() - timedelta(days=DEFAULT_DAYS)


class FiguresPeriodForm(forms.Form):
    """The period of the figures (sent by GET): from `since`, up to `until` or today."""

    since = forms.DateField(
        label=_("From"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the start date as YYYY-MM-DD, e.g. 2026-01-31.")},
    )
    until = forms.DateField(
        label=_("Until"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for up to today."),
        error_messages={"invalid": _("Enter the end date as YYYY-MM-DD, e.g. 2026-03-31.")},
    )

    def clean_since(self) -> date:
        since = self.cleaned_data["since"] or default_since()
        if since > timezone.localdate():
            raise forms.ValidationError(_("The start date cannot be in the future."))
        return since

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date must not be before the start date."))
        return cleaned


class FiguresView(CuratorRequiredMixin, TemplateView):
    template_name = "curation/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FiguresPeriodForm(
            self.request.GET or {"since": default_since().isoformat()}
        )
        context["form"] = form
        if form.is_valid():
            figures = curation_figures(
                regions=regions_curated_by(user=self.request.user),
                since=form.cleaned_data["since"], until=form.cleaned_data["until"],
            )
            context["figures"] = figures
            context["sections"] = self.sections(figures)
        return context

    @staticmethod
    def sections(figures) -> list[dict]:
        """The tables of the page, in order."""
        return [
            {"key": "region", "title": _("By region"), "name_heading": _("Region"),
             "rows": figures.by_region, "with_total": len(figures.by_region) > 1},
            {"key": "craft", "title": _("By craft"), "name_heading": _("Craft"),
             "rows": figures.by_craft, "with_total": len(figures.by_craft) > 1},
            {"key": "region-craft", "title": _("By region and craft"),
             "name_heading": _("Region · craft"), "rows": figures.by_region_and_craft,
             "with_total": False},
            {"key": "kind", "title": _("New products and revisions"),
             "name_heading": _("Kind"), "rows": figures.by_kind, "with_total": True},
        ]
