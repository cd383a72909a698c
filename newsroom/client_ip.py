"""The address of the real client, for login throttling and logs.

Behind `TRUSTED_PROXY_COUNT` reverse proxies each proxy appends the address it
was contacted from to X-Forwarded-For, so the client is the entry that many
places from the right. Everything left of it was written by the client and
proves nothing: reading the header from the left would let an attacker pick a
fresh address for every password guess.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through all of
        # them (or they are misconfigured), so only the peer is known.
        return peer
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer
