"""The password policy, user-name comparison and argon2 parameters (server.passwords,
server.users); the CLI and the real server apply them (tests/e2e/test_user_lifecycle.py)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from server import passwords
from server.passwords import password_problem, verify
from server.users import name_key, name_problem


@pytest.mark.parametrize(
    "password",
    [
        "",
        "            ",
        "\t \u3000  \t    ",
        "short pw 1",  # 10 characters
        "password1234",  # in the common list
        "PASSWORD1234",  # compared case-folded
        "qwertyuiop12",
        "123456789012",
        "aaaaaaaaaaaaaaaa",
        "abcdefghijklmnop",
        "zhang.wei.2026",  # holds the user name
        "ZHANG.WEI",  # is the user name
        "Zhongshan12345",  # the service's own words
        "line\nbreak in here",
    ],
)
def test_refused(password: str) -> None:
    assert password_problem("zhang.wei", password) is not None


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",
        "月亮 bicycle 橘子 lantern",
        "jx8#kq2!mzp0",
        "wo ai chi  suan la fen",
    ],
)
def test_accepted(password: str) -> None:
    assert password_problem("zhang.wei", password) is None


def test_common_list_comes_from_the_package() -> None:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    assert len(FREQUENCY_LISTS["passwords"]) >= 10_000
    assert passwords.is_common("Dragon") and not passwords.is_common("月亮 bicycle 橘子 lantern")


def test_names_compare_case_insensitively() -> None:
    assert name_key("Zhang") == name_key("ZHANG") == name_key("ｚｈａｎｇ") == "zhang"
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("张伟") != name_key("张伟2")


@pytest.mark.parametrize("name", ["", " op1", "op1 ", "a\nb", "a\u200bb", "x" * 101])
def test_bad_names(name: str) -> None:
    assert name_problem(name) is not None


def test_parameters_and_rehash_of_older_hashes() -> None:
    fresh = passwords.HASHER.hash("correct horse battery")
    assert "$argon2id$v=19$m=19456,t=2,p=1$" in fresh
    assert verify(fresh, "correct horse battery") == (True, None)
    assert verify(fresh, "wrong horse battery") == (False, None)
    for old in (PasswordHasher(), PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)):
        ok, new = verify(old.hash("correct horse battery"), "correct horse battery")
        assert ok and new is not None and new.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
        assert verify(new, "correct horse battery") == (True, None)
    assert verify("not a hash", "x") == (False, None)
