"""Password hashing (argon2id, parameters chosen for a shared store) and the password
policy a new or reset password must pass.

Hash parameters: m = 19 MiB, t = 2 passes, p = 1 lane — OWASP's Password Storage Cheat
Sheet's first argon2id configuration (RFC 9106's own low-memory option is 64 MiB, t = 3).
Why not argon2-cffi's default (64 MiB, t = 3, p = 4): the store hashes on behalf of a
whole call centre at shift start, when tens of sign-ins arrive at once: at 19 MiB and at
most `LoginGate` slots at a time the hashing's memory is bounded (slots × 19 MiB), and one
hash costs a fraction of the default's CPU, so a shift's sign-ins fit in seconds of one
core (docs/security.md#sign-in-tokens-and-availability, bench/results/login_storm.json).
An offline attacker with a stolen table still pays 19 MiB and two passes per guess, and
the policy below keeps guessable passwords out. p = 1: lanes would only spread one hash
over cores that push and pull need; the bound on concurrent hashes is the parallelism.
Hashes made with other parameters (older stores, the argon2-cffi defaults) still verify;
a successful sign-in rehashes them with these.
"""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from server.users import name_key

MEMORY_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1
HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM)

MIN_LENGTH = 12
MAX_LENGTH = 256
MIN_SCORE = 3  # zxcvbn: "safely unguessable", at least 10^8 guesses

# What zxcvbn should treat as guessable beside its lists (it is handed the user name too).
_CONTEXT = ["hotline", "hotlinedesk", "12345", "zhongshan", "zhongshan12345", "rexian"]
_zxcvbn_lock = threading.Lock()  # zxcvbn keeps the user inputs in a module-level dict


def verify(stored: str, password: str, hasher: PasswordHasher = HASHER) -> tuple[bool, str | None]:
    """Whether `password` matches `stored`, and a new hash when it does and `stored` was
    made with other parameters than `hasher`'s (rehash on success)."""
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False, None
    try:
        stale = hasher.check_needs_rehash(stored)
    except InvalidHashError:
        stale = True
    return True, hasher.hash(password) if stale else None


def _common() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


_COMMON: frozenset[str] | None = None


def is_common(password: str) -> bool:
    """In zxcvbn's list of the 30,000 most common passwords (compared case-folded)."""
    global _COMMON
    if _COMMON is None:
        _COMMON = _common()
    return password.casefold() in _COMMON or password.strip().casefold() in _COMMON


def password_problem(user: str, password: str) -> str | None:
    """Why `password` may not be `user`'s password, or None when it may.

    At least MIN_LENGTH characters (no upper-case/digit/symbol rules: length and a
    guessability check do more, NIST SP 800-63B), at most MAX_LENGTH, not only spaces, no
    control characters, not one of the common passwords of zxcvbn's list, not the user name
    nor containing it, and a zxcvbn score of at least MIN_SCORE with the user name and the
    service's own words counted as guessable.
    """
    if not password.strip():
        return "the password cannot be empty or only spaces"
    if len(password) < MIN_LENGTH:
        return f"the password needs at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"the password may have at most {MAX_LENGTH} characters"
    if any(ord(c) < 32 or ord(c) == 127 for c in password):
        return "the password cannot hold control characters"
    if is_common(password):
        return "this is one of the most common passwords"
    key, folded = name_key(user), name_key(password)
    if key and (folded == key or (len(key) >= 3 and key in folded)):
        return "the password cannot be or contain the user name"
    import zxcvbn

    with _zxcvbn_lock:
        result = zxcvbn.zxcvbn(password[:72], user_inputs=[user, *_CONTEXT])
    if int(result["score"]) < MIN_SCORE:
        warning = str(result["feedback"].get("warning") or "").rstrip(".")
        hint = f" ({warning})" if warning else ""
        return f"the password is too easy to guess{hint}: use a longer phrase of unrelated words"
    return None
