"""The client's address, as far as our own proxies vouch for it.

Each proxy appends the address it received the request from to X-Forwarded-For, so only
the rightmost DISCLOSE_TRUSTED_PROXY_COUNT entries were written by proxies we run; what
lies to the left of them was sent by the client and may be forged. With N proxies the
client is the Nth address from the right; with none it is REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.DISCLOSE_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not come through them all.
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
