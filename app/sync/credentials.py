"""The bearer token lives in the operating system's keyring, and nowhere else.

Before a password is sent, and before a token is read or written, the backend that would
hold the secret is checked (holder()): a chainer is resolved to the backend it would write
to, and a backend that keeps secrets in a file, or keeps nothing, is refused. The token is
then written through that backend itself, never through the chainer, so it cannot fall
through to a plaintext one behind it.
"""

from __future__ import annotations

import contextlib

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail
from keyring.errors import KeyringError, PasswordDeleteError

from app.sync.errors import KeyringUnavailable

SERVICE = "hotline-desk"

HOW_TO_GET_A_KEYRING = (
    "这台电脑没有可用的系统密钥环，无法安全保存登录凭据。"
    "No usable keyring backend was found, so the sign-in token cannot be stored safely. "
    "On a Linux desktop install and start a Secret Service provider (GNOME Keyring: "
    "`apt install gnome-keyring`, or KWallet) and sign in to a desktop session with D-Bus; "
    "Windows (Credential Manager) and macOS (Keychain) have one built in. "
    "Check with `python -m keyring diagnose`. The token is never written to a file instead."
)

# Packages whose backends keep secrets in files (plain, base64 or under a password typed
# at a prompt), in a web service or nowhere: never where a token belongs.
_REFUSED_MODULES = (
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyrings.alt",
    "keyrings.cryptfile",
)


def _why_refused(backend: KeyringBackend) -> str:
    """Why `backend` may not hold the token, or '' when it may."""
    module = type(backend).__module__
    if any(module == m or module.startswith(m + ".") for m in _REFUSED_MODULES):
        return "it keeps secrets in a file, or nowhere"
    if getattr(backend, "file_path", None):  # keyrings.alt's file backends and their kin
        return "it keeps secrets in a file"
    # keyring ranks a backend it does not recommend below 1 (plaintext 0.5, fail 0, null -1)
    try:
        priority = float(backend.priority)
    except Exception:
        return "it does not say how suitable it is"
    if priority < 1:
        return f"the keyring library ranks it as unsuitable (priority {priority:g})"
    return ""


def holder() -> KeyringBackend:
    """The backend that would hold the token; KeyringUnavailable when it is not a secure
    operating-system keyring (a chainer holds a secret in its first backend)."""
    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        chain = list(backend.backends)
        if not chain:
            raise KeyringUnavailable(HOW_TO_GET_A_KEYRING, "no_keyring")
        backend = chain[0]
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable(HOW_TO_GET_A_KEYRING, "no_keyring")
    reason = _why_refused(backend)
    if reason:
        name = f"{type(backend).__module__}.{type(backend).__qualname__}"
        raise KeyringUnavailable(
            f"拒绝使用不安全的密钥环 {name}：登录凭据不会保存到文件里，密码也没有发送。"
            f"Refused keyring backend {name}: {reason}. The password was not sent and the "
            "token is never stored there. Use the system keyring (Secret Service/GNOME "
            "Keyring or KWallet on Linux, Credential Manager on Windows, Keychain on macOS): "
            "uninstall keyrings.alt, or choose one with PYTHON_KEYRING_BACKEND, e.g. "
            "PYTHON_KEYRING_BACKEND=keyring.backends.SecretService.Keyring. "
            "Check with `python -m keyring diagnose`.",
            "unsafe_keyring",
        )
    return backend


def ensure_backend() -> None:
    holder()


def service_name(server: str) -> str:
    return f"{SERVICE}:{server.rstrip('/')}"


def save_token(server: str, user: str, token: str) -> None:
    backend = holder()
    try:
        backend.set_password(service_name(server), user, token)
    except (KeyringError, NotImplementedError) as exc:
        raise KeyringUnavailable(
            f"{HOW_TO_GET_A_KEYRING} ({type(exc).__name__})", "no_keyring"
        ) from exc


def load_token(server: str, user: str) -> str | None:
    backend = holder()
    try:
        return backend.get_password(service_name(server), user)
    except (KeyringError, NotImplementedError) as exc:
        raise KeyringUnavailable(
            f"{HOW_TO_GET_A_KEYRING} ({type(exc).__name__})", "no_keyring"
        ) from exc


def forget_token(server: str, user: str) -> None:
    """Remove the token wherever the keyring can reach it (also from a backend now
    refused: a sign-out clears what an older version may have left there)."""
    with contextlib.suppress(PasswordDeleteError, KeyringError, NotImplementedError):
        keyring.delete_password(service_name(server), user)
