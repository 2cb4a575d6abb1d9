"""The address a request came from, for the login lockout. Behind PROXY_COUNT trusted proxies
(nginx appends the address it saw to X-Forwarded-For), the client is the PROXY_COUNT-th entry
from the right; whatever stands to its left was written by the client and is ignored. With no
proxy the header is ignored altogether. Written here rather than with django-ipware, whose
proxy count expects every proxy's own address in the header as well."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies: int = settings.PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(forwarded) < proxies:  # not through our proxies: the peer itself is the client
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
