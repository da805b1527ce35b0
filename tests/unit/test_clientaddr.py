"""Which client address a sign-in counts against (server.clientaddr); the real server's
use of it is attacked in tests/e2e/test_signin_throttle.py."""

from __future__ import annotations

from typing import Any

import pytest

from server.clientaddr import ProxyTrust, normal_ip
from server.throttle import address_key


def scope(peer: str, *headers: tuple[str, str]) -> dict[str, Any]:
    return {
        "client": (peer, 5555),
        "headers": [(k.encode(), v.encode("latin-1")) for k, v in headers],
    }


XFF = "x-forwarded-for"


def test_without_trusted_proxies_headers_are_ignored() -> None:
    trust = ProxyTrust.parse([""])
    assert trust.client_address(scope("10.0.0.9", (XFF, "1.2.3.4"))) == "10.0.0.9"
    fwd = ProxyTrust.parse([], "forwarded")
    assert fwd.client_address(scope("10.0.0.9", ("forwarded", "for=1.2.3.4"))) == "10.0.0.9"


def test_an_untrusted_peer_cannot_claim_an_address() -> None:
    trust = ProxyTrust.parse(["10.0.0.1"])
    assert trust.client_address(scope("10.0.0.9", (XFF, "1.2.3.4"))) == "10.0.0.9"


def test_right_to_left_through_trusted_hops_only() -> None:
    trust = ProxyTrust.parse(["10.0.0.1, 10.1.0.0/16"])
    # the client wrote 6.6.6.6 itself; the proxy appended the address it saw
    s = scope("10.0.0.1", (XFF, "6.6.6.6, 192.0.2.7"))
    assert trust.client_address(s) == "192.0.2.7"
    s = scope("10.0.0.1", (XFF, "6.6.6.6"), (XFF, "192.0.2.7, 10.1.4.4"))
    assert trust.client_address(s) == "192.0.2.7"
    assert trust.client_address(scope("10.0.0.1")) == "10.0.0.1"
    assert trust.client_address(scope("10.0.0.1", (XFF, "garbage"))) == "10.0.0.1"
    assert trust.client_address(scope("10.0.0.1", (XFF, "6.6.6.6, garbage"))) == "10.0.0.1"


def test_only_the_configured_header() -> None:
    xff = ProxyTrust.parse(["10.0.0.1"])
    fwd = ProxyTrust.parse(["10.0.0.1"], "forwarded")
    s = scope("10.0.0.1", (XFF, "192.0.2.7"), ("forwarded", "for=6.6.6.6"))
    assert xff.client_address(s) == "192.0.2.7"
    assert fwd.client_address(s) == "6.6.6.6"
    s = scope("10.0.0.1", ("forwarded", 'for=6.6.6.6, for="[2001:db8::7]:4711";proto=https'))
    assert fwd.client_address(s) == "2001:db8::7"
    s = scope("10.0.0.1", ("forwarded", "for=6.6.6.6, by=10.0.0.1"))
    assert fwd.client_address(s) == "10.0.0.1"  # the proxy's element without for=


def test_addresses_are_normalised() -> None:
    assert normal_ip("::ffff:192.0.2.7") == "192.0.2.7"
    assert normal_ip("192.0.2.7:8080") == "192.0.2.7"
    assert normal_ip("[2001:DB8::1]:80") == "2001:db8::1"
    assert normal_ip("nonsense") is None
    assert address_key("2001:db8:0:0:1::5") == address_key("2001:db8::ffff") == "2001:db8::/64"
    assert address_key("192.0.2.7") == "192.0.2.7"


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError):
        ProxyTrust.parse(["not-an-address"])
    with pytest.raises(ValueError):
        ProxyTrust.parse(["10.0.0.1"], "x-real-ip")
