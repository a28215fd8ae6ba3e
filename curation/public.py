"""The public curation record and its QR code for the hang tag (/verify/<code>/).

Open to everyone: knowing the code is the only key, and it cannot be guessed.
"""
import io

import segno
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views import View
from django.views.generic import TemplateView

from curation.records import curation_record_for_code, verify_code_exists

# A code never changes and always points at the same record: its QR never changes.
QR_MAX_AGE = 60 * 60 * 24 * 365
QR_SCALE_DEFAULT, QR_SCALE_MIN, QR_SCALE_MAX = 10, 1, 20
# Medium error correction survives a creased or slightly dirty tag; segno raises it
# further when that costs no extra size.
QR_ERROR = "m"
# Half a millimetre a module: about 2 cm wide for a record address, what a phone reads
# from a hang tag. The SVG keeps a viewBox, so it scales to any size without blur.
QR_SVG_MODULE_MM = 0.5


def record_url(request, code: str) -> str:
    """The absolute address the QR code points to (https behind the production proxy)."""
    return request.build_absolute_uri(reverse("curation-verify", args=[code]))


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error=QR_ERROR, micro=False)


def qr_png(url: str, *, scale: int) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=scale)
    return out.getvalue()


def qr_svg(url: str) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="svg", scale=QR_SVG_MODULE_MM, unit="mm")
    return out.getvalue()


def _scale(value: str | None) -> int:
    try:
        scale = int(value)
    except (TypeError, ValueError):
        return QR_SCALE_DEFAULT
    return max(QR_SCALE_MIN, min(QR_SCALE_MAX, scale))


class VerifyRecordView(TemplateView):
    """The record a buyer reaches from the hang tag or the product page."""

    template_name = "curation/verify.html"

    def get_context_data(self, **kwargs):
        record = curation_record_for_code(code=kwargs["code"])
        if record is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        context["record"] = record
        context["product"] = record.product
        context["record_url"] = record_url(self.request, kwargs["code"])
        return context


class VerifyQrView(View):
    """The record's QR code, as PNG (?scale=1..20) or SVG, to print on the hang tag."""

    kind: str = "png"
    content_types = {"png": "image/png", "svg": "image/svg+xml"}

    def get(self, request, code: str):
        if not verify_code_exists(code=code):
            raise Http404
        url = record_url(request, code)
        if self.kind == "png":
            body = qr_png(url, scale=_scale(request.GET.get("scale")))
        else:
            body = qr_svg(url)
        response = HttpResponse(body, content_type=self.content_types[self.kind])
        # The code is [A-Za-z0-9_-] only (see public_urls): safe in a header as it is.
        response["Content-Disposition"] = f'inline; filename="pasar-kriya-{code}.{self.kind}"'
        patch_cache_control(response, public=True, max_age=QR_MAX_AGE)
        return response
