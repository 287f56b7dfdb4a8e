"""Fetching only from the public Internet, for the link check (linkcheck.py): the addresses a
page's sources name are written by whoever opens a pull request, and the check runs inside CI's
network, where loopback, private and link-local addresses reach services that were never meant to
be asked (a cloud's metadata address, an admin interface).

Every host, the first and each redirect's, is resolved here, every one of its addresses must be
public, and the connection is made to one of those addresses: urllib's own connection would resolve
the name again, and a name can answer differently the second time.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request

from ..content.messages import say


class Refused(OSError):
    """A host the check does not fetch: one of its addresses is not public. str() names it."""


NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv4 addresses reached through IPv6 (RFC 6052)


def fetchable(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is one of the public Internet's: not loopback, private, link-local,
    shared, reserved, documentation or multicast, nor one of those inside an IPv6 address
    (IPv4-mapped, 6to4, Teredo, NAT64). ipaddress keeps the registries' lists (is_global)."""
    if address.version == 6:
        inner = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if inner is None and address in NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None and not fetchable(inner):
            return False
    return address.is_global and not address.is_multicast


def _addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, all of them public, or Refused: a name with one private
    address among public ones would let the connection pick it."""
    found = list(
        dict.fromkeys(
            info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        )
    )
    for address in found:
        if not fetchable(ipaddress.ip_address(address.partition("%")[0])):
            raise Refused(address)
    return found


def _connect(host: str, port: int, timeout: float) -> socket.socket:
    """A connection to one of the addresses just checked: resolved once, here, so that the
    connection cannot be made to another one (a name that answers differently the second time)."""
    failure: OSError = OSError(say("{host} has no address", host=host))
    for address in _addresses(host, port):
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as exc:
            failure = exc
    raise failure


class _CheckedHTTP(http.client.HTTPConnection):
    def connect(self):
        self.sock = _connect(self.host, self.port, self.timeout)


class _CheckedHTTPS(http.client.HTTPSConnection):
    def connect(self):
        sock = _connect(self.host, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTP, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPS, req, context=self._context)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a 3xx comes back as an HTTPError: check() follows it, counted


# Every connection, the first and each redirect's, goes through _connect; no proxy from the
# environment (it would be the host checked, and a proxy on localhost would refuse every address).
OPENER = urllib.request.build_opener(
    _NoRedirect, _HTTPHandler, _HTTPSHandler, urllib.request.ProxyHandler({})
)
