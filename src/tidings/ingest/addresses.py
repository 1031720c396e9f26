"""Which network addresses tidings may fetch from: public ones only, unless the user allows more.

A feed link, a listed URL or a redirect can name any host, including the machine tidings runs
on (``localhost``, ``127.1``, ``[::1]``, ``2130706433``) or the user's own network (a router,
a cloud metadata service at ``169.254.169.254``). With ``allow_private_addresses`` off (the
default), every host is resolved first and refused when one of its addresses is loopback,
private, link-local, multicast, unspecified, reserved or otherwise not public; an IPv4
address mapped into IPv6 (``::ffff:127.0.0.1``) is judged as the IPv4 address it carries.

Resolution is a :data:`Resolver`, a plain function from host and port to addresses, so tests
can make up a public internet of their own; :func:`system_resolver` asks the system.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

__all__ = [
    "ALLOW_HINT",
    "REFUSED",
    "AddressRefused",
    "IPAddress",
    "Resolver",
    "address_kind",
    "check_addresses",
    "system_resolver",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[IPAddress]]
"""``(host, port) -> addresses``, in the order to try them; raises OSError when there are none."""

ALLOW_HINT = (
    "set TIDINGS_ALLOW_PRIVATE_ADDRESSES=1, or allow_private_addresses = true in the settings "
    "file, to allow it"
)
REFUSED = "refused: "  # how the reason begins when a URL is not even requested
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, RFC 6598


class AddressRefused(Exception):
    """A host resolves to an address tidings does not fetch from; the message says why."""


def system_resolver(host: str, port: int) -> list[IPAddress]:
    """The addresses the system resolver gives ``host`` (a name or an address in any form it
    accepts, ``127.1`` and ``2130706433`` included), without repeats."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for *_, socket_address in found:
        address = ipaddress.ip_address(socket_address[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def address_kind(address: IPAddress) -> str | None:
    """Why tidings refuses ``address`` ("a loopback address" ...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private address"
    if address in _SHARED or not address.is_global:
        return "not a public address"
    return None


def check_addresses(host: str, addresses: Sequence[IPAddress]) -> None:
    """Raise AddressRefused naming the first of ``host``'s addresses that is not public."""
    for address in addresses:
        kind = address_kind(address)
        if kind is not None:
            raise AddressRefused(f"{REFUSED}{_described(host, address)} {kind} ({ALLOW_HINT})")


def _described(host: str, address: IPAddress) -> str:
    """``127.0.0.1 is`` for an address given as such, ``localhost resolves to 127.0.0.1,``."""
    try:
        literal = ipaddress.ip_address(host) == address
    except ValueError:
        literal = False
    return f"{host} is" if literal else f"{host} resolves to {address},"
