"""What can go wrong talking to the central store, typed by what the caller should do."""

from __future__ import annotations

from typing import Any


class SyncError(Exception):
    """Base class. `message` is fit to show on the command line and in the log; `code`
    says which case it is, so the interface can say it in its own language."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class Offline(SyncError):
    """The server could not be reached, or kept failing; try again later."""


class BadAnswer(SyncError):
    """The answer was not the JSON the protocol promises (cut short, HTML, garbage)."""


class AuthRequired(SyncError):
    """No token, or the server no longer accepts it: sign in again."""


class Refused(SyncError):
    """The server refused the request itself (4xx); retrying the same will not help."""

    def __init__(self, status: int, code: str, message: str, retry_after: int = 0) -> None:
        super().__init__(message, code)
        self.status = status
        self.retry_after = retry_after  # seconds to wait (a throttled sign-in), 0: unknown

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its own arguments, so it survives pickling (crossing processes).
        args = (self.status, self.code, self.message, self.retry_after)
        return type(self), args, self.__dict__


class KeyringUnavailable(SyncError):
    """The operating system offers no usable keyring to keep the token in."""


class InsecureTransport(SyncError):
    """The address would carry the password and the token in clear text over a network."""


class SyncBusy(SyncError):
    """Another sync of the same workspace is running; nothing was done."""
