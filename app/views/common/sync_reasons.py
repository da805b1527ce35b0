"""What went wrong with the central store, in the interface's language.

The sync layer's messages are for the command line and the log (the server's own words,
bilingual or English); the window words each case itself from its kind and code, so no
English text of the server, of `requests` or of Python reaches the Chinese interface.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.sync import errors

translate = QCoreApplication.translate


def sync_reason(exc: errors.SyncError) -> str:
    if isinstance(exc, errors.Offline):
        return translate(
            "SyncFailures",
            "the central store cannot be reached (the network or the server is down)",
        )
    if isinstance(exc, errors.BadAnswer):
        return translate(
            "SyncFailures",
            "the central store's answer was incomplete or not understood; try again later",
        )
    if isinstance(exc, errors.AuthRequired):
        return _signed_out(exc.code)
    if isinstance(exc, errors.KeyringUnavailable):
        return _keyring(exc.code)
    if isinstance(exc, errors.InsecureTransport):
        return _transport(exc.code)
    if isinstance(exc, errors.SyncBusy):
        return translate(
            "SyncFailures",
            "another sync of this workspace is running; try again when it has finished",
        )
    if isinstance(exc, errors.Refused):
        return _refused(exc)
    return translate("SyncFailures", "synchronisation failed (%1)").replace(
        "%1", exc.code or type(exc).__name__
    )


def _signed_out(code: str) -> str:
    known = {
        "invalid_credentials": translate("SyncFailures", "wrong user name or password"),
        "token_expired": translate("SyncFailures", "the sign-in has expired; sign in again"),
        "invalid_token": translate("SyncFailures", "the sign-in is no longer valid; sign in again"),
        "user_disabled": translate("SyncFailures", "this user is disabled; ask an administrator"),
        "not_signed_in": translate("SyncFailures", "not signed in to the central store"),
        "no_token": translate(
            "SyncFailures", "the sign-in is no longer in the system keyring; sign in again"
        ),
    }
    return known.get(
        code,
        translate(
            "SyncFailures", "not signed in, or the sign-in is no longer valid; sign in again"
        ),
    )


def _keyring(code: str) -> str:
    if code == "unsafe_keyring":
        return translate(
            "SyncFailures",
            "the only keyring found would keep the sign-in in a file, which is refused; the "
            "password was not sent. Use the system keyring (ask your technician)",
        )
    return translate(
        "SyncFailures",
        "this computer has no usable system keyring, so the sign-in cannot be kept safely "
        "(ask your technician to set one up)",
    )


def _transport(code: str) -> str:
    known = {
        "bad_address": translate(
            "SyncFailures", "the server address is not valid: it must be https://host:port"
        ),
        "clear_text": translate(
            "SyncFailures",
            "the address uses plain http to another machine: the password would cross the "
            "network unencrypted. Use https://",
        ),
        "unverified_tls": translate("SyncFailures", "the server's certificate must be verified"),
    }
    return known.get(code, translate("SyncFailures", "the connection to the server is not safe"))


def _refused(exc: errors.Refused) -> str:
    minutes = max(1, -(-exc.retry_after // 60)) if exc.retry_after else 0
    if exc.code == "locked_out":
        text = translate(
            "SyncFailures",
            "too many failed sign-ins: this user is locked; an administrator can lift it",
        )
        return _wait(text, minutes)
    if exc.code == "too_many_attempts":
        return _wait(
            translate("SyncFailures", "too many failed sign-ins: wait before trying again"), minutes
        )
    known = {
        "tls": translate("SyncFailures", "the server's certificate could not be verified"),
        "redirect": translate(
            "SyncFailures", "the server sends elsewhere; not followed (check the address)"
        ),
        "forbidden_role": translate(
            "SyncFailures", "this user's role may not do that on the central store"
        ),
        "forbidden": translate(
            "SyncFailures", "the central store does not allow that for this user"
        ),
        "bad_protocol": translate(
            "SyncFailures", "the central store does not accept this version of Hotline Desk"
        ),
        "busy": translate("SyncFailures", "the central store is busy; try again shortly"),
        "body_too_large": translate(
            "SyncFailures", "the central store refused the request as too large"
        ),
        "malformed_json": translate("SyncFailures", "the central store could not read the request"),
        "invalid_request": translate(
            "SyncFailures", "the central store could not read the request"
        ),
        "not_found": translate(
            "SyncFailures", "the address does not lead to a Hotline Desk central store"
        ),
    }
    if exc.code in known:
        return known[exc.code]
    text = translate("SyncFailures", "the central store refused the request (code %1)")
    return text.replace("%1", exc.code or str(exc.status))


def _wait(text: str, minutes: int) -> str:
    if not minutes:
        return text
    return text + translate("SyncFailures", " (try again in %n minute(s))", "", minutes)
