"""No English inside the Chinese interface, no Chinese inside the English one.

Every screen of every role and the main dialogs are shown in each language
(tests/support/fit_run.py) and every text they show is read; every failure the window can
foresee (the central store's refusals, the connection's, the keyring's, the workspace
file's) is worded in Chinese, whatever the server, requests or SQLite said. A fault of the
program itself still quotes Python's words (tests/gui/test_task_failures.py): they are
for whoever is called to look at it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.resources import load_policy
from app.store.db import SQLITE_KINDS, StoreError, WorkspaceCorrupt
from app.sync import errors, transport
from app.sync.credentials import HOW_TO_GET_A_KEYRING
from tests.support.fit_run import probe
from tests.support.words import chinese_characters, english_words

# Pinyin examples of what to type in the knowledge base's search (拼音, 首字母).
PINYIN_EXAMPLES = frozenset({"shebao", "jtwz"})
# Chinese the English interface shows on purpose: what one types to search the
# knowledge base (its placeholder's example).
TYPED_EXAMPLES = ("停水",)


@pytest.fixture(scope="module")
def chinese() -> dict[str, object]:
    return probe(1.0, "zh_CN")


@pytest.fixture(scope="module")
def english() -> dict[str, object]:
    return probe(1.0, "en")


def without(text: str, data: list[str]) -> str:
    """`text` less the workspace's own texts (callers' words may hold "APP" or "WiFi")."""
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    return text


def test_the_chinese_screens_show_no_english(chinese) -> None:  # type: ignore[no-untyped-def]
    data = sorted(chinese["data"], key=len, reverse=True)
    found = {}
    for key, seen in chinese["screens"].items():
        for kind, text in seen["texts"]:
            words = english_words(without(text, data), PINYIN_EXAMPLES)
            if words:
                found.setdefault(key, []).append(f"{kind}: {text[:80]!r} {words}")
    assert not found, found


def test_the_english_screens_own_words_are_english(english) -> None:  # type: ignore[no-untyped-def]
    """Callers' words and the city's names (镇街, units, categories) stay as written."""
    policy = load_policy()
    names = (
        *(t.name for t in policy.towns),
        *(t.short for t in policy.towns),
        *(u.name for u in policy.units),
        *(c.name for c in policy.categories),
        *english["data"],
        *TYPED_EXAMPLES,
    )
    found = {}
    for key, seen in english["screens"].items():
        for kind, text in seen["texts"]:
            left = chinese_characters(text, names)
            if left:
                found.setdefault(key, []).append(f"{kind}: {text[:80]!r} {left}")
    assert not found, found


def test_the_english_report_legends_are_english(english) -> None:  # type: ignore[no-untyped-def]
    texts = english["screens"]["analyst/reports"]["texts"]
    legends = [t for kind, t in texts if kind == "legend"]
    assert any(t.startswith("Phone") for t in legends), legends  # the channels' pie
    assert any(t.startswith("Enquiry") for t in legends), legends  # the appeal types'


def failures() -> list[Exception]:
    """Every failure the window reports, made as the sync layer and the store make them."""
    made: list[Exception] = [
        errors.Offline("cannot reach https://12345.example.gov.cn: ConnectionError"),
        errors.Offline("server answered 503"),
        errors.BadAnswer("answer 200 is not complete JSON"),
        errors.SyncBusy("Another sync of this workspace is running", ""),
        errors.KeyringUnavailable(HOW_TO_GET_A_KEYRING, "no_keyring"),
        errors.KeyringUnavailable("Refused keyring backend keyrings.alt", "unsafe_keyring"),
        errors.InsecureTransport("TLS certificates are always verified", "unverified_tls"),
        errors.Refused(0, "tls", "TLS certificate check failed: SSLError(...)"),
        errors.Refused(302, "redirect", "the server redirects elsewhere (302); not followed"),
        errors.Refused(429, "locked_out", "too many failed sign-ins (try again in 15 min)", 900),
        errors.Refused(429, "too_many_attempts", "too many failed sign-ins: wait", 42),
        errors.Refused(429, "too_many_attempts", "too many failed sign-ins: wait"),
        errors.Refused(418, "something_new", "a refusal this version does not know"),
        errors.Refused(404, "", "server answered 404"),
        WorkspaceCorrupt(Path("/home/op/ws/hotline-desk.sqlite3"), ("空", "is empty")),
        StoreError("database is locked", "busy"),
    ]
    for code in ("invalid_credentials", "token_expired", "invalid_token", "user_disabled",
                 "unauthorized", "not_signed_in", "no_token", ""):  # fmt: skip
        made.append(errors.AuthRequired("the server's words", code))
    for code in ("forbidden_role", "forbidden", "bad_protocol", "busy", "body_too_large",
                 "malformed_json", "invalid_request", "not_found"):  # fmt: skip
        made.append(errors.Refused(400, code, "the server's words"))
    made.extend(
        StoreError("disk I/O error", kind) for kind in {*SQLITE_KINDS.values(), "folder", "closed"}
    )
    for url in ("not an address", "ftp://12345.example.gov.cn", "http://10.1.2.3:8000",
                "https://user:pw@12345.example.gov.cn"):  # fmt: skip
        with pytest.raises(errors.InsecureTransport) as refused:
            transport.check(url)
        made.append(refused.value)
    return made


@pytest.fixture
def in_chinese(qapp):  # type: ignore[no-untyped-def]
    from app.views.shell.i18n import install_translators

    installed = install_translators(qapp, "zh_CN")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def test_every_failure_reads_in_chinese(in_chinese) -> None:  # type: ignore[no-untyped-def]
    from app.views.common.failures import failure_text
    from app.views.common.operation import failure_text as operation_failure

    for exc in failures():
        for text in (failure_text("同步", exc), operation_failure(exc)):
            assert not english_words(text), (type(exc).__name__, getattr(exc, "code", ""), text)
            message = getattr(exc, "message", str(exc))
            assert message not in text or not english_words(message), text


def test_a_throttled_sign_in_says_how_long_to_wait(in_chinese) -> None:  # type: ignore[no-untyped-def]
    from app.views.common.failures import reason

    assert "15 分钟" in reason(errors.Refused(429, "locked_out", "x", 900))
    assert "1 分钟" in reason(errors.Refused(429, "too_many_attempts", "x", 42))


def test_the_clear_text_warning_reads_in_chinese(in_chinese) -> None:  # type: ignore[no-untyped-def]
    from app.views.sync.bridge import clear_text_warning

    text = clear_text_warning("http://10.1.2.3:8000")
    assert "10.1.2.3" in text and not english_words(text.replace("10.1.2.3", "")), text


def test_the_word_checks_see_what_they_look_for() -> None:
    assert english_words("无法登录：cannot reach the server") == [
        "cannot",
        "reach",
        "the",
        "server",
    ]
    assert english_words("导出 CSV… (Ctrl+Shift+X)；代码 forbidden_role；https://a.b/c") == []
    assert chinese_characters("Orders of 中山市水务局", ("中山市水务局",)) == ""
    assert chinese_characters("Orders by 渠道") == "渠道"
