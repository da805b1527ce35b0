"""The client address a request counts against (sign-in throttling): the TCP peer, or — only
when the peer is a configured trusted proxy — the address that proxy says it forwarded for.

A forwarding header is read right to left: each entry was written by the hop after it, so
entries are believed only while the hop that wrote them is a trusted proxy. A client that
sends its own `X-Forwarded-For: 1.2.3.4` through the proxy gets that entry on the far left,
behind the address the proxy appended, and it is never reached. Only the header the proxy
is configured to write is read (`x-forwarded-for` or RFC 7239 `forwarded`): a proxy that
writes one usually passes the other through untouched from the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
HEADERS = ("x-forwarded-for", "forwarded")
ENV_PROXIES = "HOTLINE_TRUSTED_PROXIES"
ENV_HEADER = "HOTLINE_PROXY_HEADER"


def normal_ip(text: str) -> str | None:
    """`text` as a canonical IP address (IPv4-mapped IPv6 as IPv4), or None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port or [v6]
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


@dataclass(frozen=True)
class ProxyTrust:
    networks: tuple[Network, ...] = ()
    header: str = "x-forwarded-for"

    @classmethod
    def parse(cls, specs: Iterable[str], header: str = "x-forwarded-for") -> ProxyTrust:
        """From addresses or networks ("10.0.0.5", "10.1.0.0/16", "::1"), each maybe a
        comma-separated list; raises ValueError on anything else."""
        networks: list[Network] = []
        for spec in specs:
            for part in spec.split(","):
                if part.strip():
                    networks.append(ipaddress.ip_network(part.strip(), strict=False))
        header = header.strip().lower()
        if header not in HEADERS:
            raise ValueError(f"the proxy header is one of {', '.join(HEADERS)}")
        return cls(tuple(networks), header)

    def trusts(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in net for net in self.networks if net.version == ip.version)

    def client_address(self, scope: Mapping[str, Any]) -> str:
        peer = scope.get("client")
        host = normal_ip(str(peer[0])) if peer else None
        if host is None:
            return str(peer[0]) if peer else "unknown"
        if not self.networks or not self.trusts(host):
            return host
        for entry in reversed(self._chain(scope.get("headers", ()))):
            address = normal_ip(entry)
            if address is None:
                return host  # unreadable: count it against the last hop we trust
            if not self.trusts(address):
                return address
            host = address
        return host

    def _chain(self, headers: Iterable[tuple[bytes, bytes]]) -> list[str]:
        name = self.header.encode()
        values = [v.decode("latin-1") for k, v in headers if k.lower() == name]
        entries = [e.strip() for v in values for e in v.split(",")]
        if self.header == "x-forwarded-for":
            return [e for e in entries if e]
        chain = []
        for element in entries:
            found = ""  # an element without for= is unreadable, like for=unknown
            for pair in element.split(";"):
                key, _, value = pair.partition("=")
                if key.strip().lower() == "for":
                    found = value.strip().strip('"')
            chain.append(found)
        return chain
