"""The public curation record, included at "verify/" (shop/urls.py).

Not in the sitemap: a record is reached from a hang tag or a product page.
"""
from django.urls import re_path

from curation.public import VerifyQrView, VerifyRecordView
from curation.records import VERIFY_CODE_PATTERN

code = rf"(?P<code>{VERIFY_CODE_PATTERN})"

urlpatterns = [
    re_path(rf"^{code}/$", VerifyRecordView.as_view(), name="curation-verify"),
    re_path(rf"^{code}/qr\.png$", VerifyQrView.as_view(kind="png"),
            name="curation-verify-qr-png"),
    re_path(rf"^{code}/qr\.svg$", VerifyQrView.as_view(kind="svg"),
            name="curation-verify-qr-svg"),
]
