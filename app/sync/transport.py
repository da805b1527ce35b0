"""Where a workstation may send a password and a token: https (certificates verified), or
http to this machine only, unless the user explicitly accepts clear text."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from app.sync.errors import InsecureTransport

INSECURE_OPTION = "--insecure-http-i-understand"
LOOPBACK_NAMES = frozenset({"localhost", "localhost."})


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 (also as an IPv4-mapped address) or the name localhost."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def check(url: str, allow_insecure_http: bool = False) -> str:
    """'' when `url` is safe to use, a warning to show when it is clear text the user
    accepted; InsecureTransport otherwise."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError as exc:
        raise InsecureTransport(
            f"服务器地址无效 (not a valid address): {url!r}: {exc}", "bad_address"
        ) from exc
    scheme = parts.scheme.lower()
    if not host or scheme not in ("http", "https") or parts.username or parts.password:
        raise InsecureTransport(
            f"服务器地址须为 https://主机:端口 (the server address must be https://host:port): "
            f"{url!r}",
            "bad_address",
        )
    if scheme == "https" or is_loopback(host):
        return ""
    if not allow_insecure_http:
        raise InsecureTransport(
            f"拒绝以明文 http 连接 {host}：密码和登录凭据会在网络上以明文传送。请使用 https://。"
            f"Refused: http:// to {host} would send the password and the token in clear text "
            "over the network. Use https:// (the server supports TLS: see docs/security.md). "
            f"Only on a network you control, `hotline-desk login {INSECURE_OPTION}` accepts "
            "it, with a warning at every sync.",
            "clear_text",
        )
    return (
        f"警告：与 {host} 的连接未加密 (http)，密码和登录凭据以明文传送。"
        f"WARNING: the connection to {host} is not encrypted (http): the password and the "
        f"token travel in clear text ({INSECURE_OPTION} was given at sign-in)."
    )
