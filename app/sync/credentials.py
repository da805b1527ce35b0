"""The bearer token lives in the operating system's keyring, and nowhere else."""

from __future__ import annotations

import contextlib

import keyring
from keyring.backends import fail
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


def service_name(server: str) -> str:
    return f"{SERVICE}:{server.rstrip('/')}"


def ensure_backend() -> None:
    if isinstance(keyring.get_keyring(), fail.Keyring):
        raise KeyringUnavailable(HOW_TO_GET_A_KEYRING)


def save_token(server: str, user: str, token: str) -> None:
    ensure_backend()
    try:
        keyring.set_password(service_name(server), user, token)
    except KeyringError as exc:
        raise KeyringUnavailable(f"{HOW_TO_GET_A_KEYRING} ({type(exc).__name__})") from exc


def load_token(server: str, user: str) -> str | None:
    ensure_backend()
    try:
        return keyring.get_password(service_name(server), user)
    except KeyringError as exc:
        raise KeyringUnavailable(f"{HOW_TO_GET_A_KEYRING} ({type(exc).__name__})") from exc


def forget_token(server: str, user: str) -> None:
    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(service_name(server), user)
