"""Security headers and body limits for every response (issue 6, item 5).

ContentSecurityPolicyMiddleware sends the policy in settings.DISCLOSE_CSP:
no inline script or style anywhere (base.html and disclose.js keep to that),
nothing framed, forms posted only back to Disclose.

BodySizeLimitMiddleware refuses, before Django reads a byte of it, any request
whose declared body is larger than the largest document accepted plus room
for the form around it (413). Django's own DATA_UPLOAD_MAX_MEMORY_SIZE limits
the form fields; the document store limits the file as it is written.
"""

from collections.abc import Callable, Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Room for the form fields sent with a document, over the document's own limit.
FORM_ALLOWANCE = 1024 * 1024


def policy_header(directives: Mapping[str, str]) -> str:
    """'default-src 'self'; script-src 'self'' from {'default-src': "'self'", ...}."""
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.header = policy_header(settings.DISCLOSE_CSP)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.header)
        return response


def largest_body() -> int:
    return settings.DISCLOSE_MAX_UPLOAD_BYTES + FORM_ALLOWANCE


class BodySizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > largest_body():
            megabytes = f"{settings.DISCLOSE_MAX_UPLOAD_BYTES / (1024 * 1024):g}"
            return HttpResponse(
                f"What you sent is too large. A document must be {megabytes} MB or smaller. "
                "Go back and choose a smaller file, or split it into parts.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
