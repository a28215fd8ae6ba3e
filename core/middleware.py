"""Requests the shop refuses before any view reads them."""
from django.http import HttpResponseBadRequest


class NulCharacterRefuseMiddleware:
    """A NUL character in the path, a query-string parameter or a form field (its
    name or its value) gets 400 "bad request" in plain text.

    No browser sends one, and PostgreSQL can neither store nor compare a string
    holding one (psycopg raises DataError): a NUL in the search box's suggestions,
    a facet of the browse page or a curator's note answered 500.

    The form is read only for the views that Django's CSRF check reads it for
    anyway; a csrf_exempt view (Stripe's webhook, the CSP reports) reads its raw
    body itself, which it could not do once a multipart body had been parsed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _holds_nul(request.GET):
            return _bad_request()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (request.method == "POST" and not getattr(view_func, "csrf_exempt", False)
                and _holds_nul(request.POST)):
            return _bad_request()
        return None


def _holds_nul(query) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values)
               for key, values in query.lists())


def _bad_request() -> HttpResponseBadRequest:
    return HttpResponseBadRequest("bad request", content_type="text/plain; charset=utf-8")
