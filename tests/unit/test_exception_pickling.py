"""Every exception of app/ and server/ survives pickling, as it must to cross processes (a
multiprocessing pool sends a worker's exception to its parent pickled; one that cannot be
rebuilt there killed the store benchmark's pool and left it waiting forever).

An exception whose constructor takes what BaseException takes (a message) is checked with
one; one with its own constructor must have an example below, so a new one cannot be
added without being checked.
"""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

from app.models.rules import RuleViolation
from app.models.validation import FieldError
from app.store.db import _NOT_A_DATABASE, StoreError, WorkspaceCorrupt
from app.store.workspace import IntakeInvalid
from app.sync import errors
from app.sync.errors import Refused
from server.api.errors import ApiError
from server.auth import AuthError
from server.login import Busy, Throttled
from server.throttle import Refusal
from server.times import TimeRefusal

EXAMPLES: dict[type[BaseException], BaseException] = {
    RuleViolation: RuleViolation("unreasonable_pending", "已申请或已认定为不合理诉求"),
    WorkspaceCorrupt: WorkspaceCorrupt(Path("/data/工作区/workspace.sqlite3"), _NOT_A_DATABASE),
    IntakeInvalid: IntakeInvalid(
        [
            FieldError("phone", "bad_phone", "来电号码格式不正确"),
            FieldError("title", "too_long", "标题过长", (100, 130)),
        ]
    ),
    Refused: Refused(409, "invalid_transition", "工单当前状态为“已办结”，不能执行“答复”"),
    StoreError: StoreError("database or disk is full", "full"),
    errors.SyncError: errors.SyncError("同步失败 failed", "some_code"),
    errors.Offline: errors.Offline("cannot reach https://12345.example.gov.cn"),
    errors.BadAnswer: errors.BadAnswer("answer 200 is not complete JSON"),
    errors.AuthRequired: errors.AuthRequired("wrong user name or password", "invalid_credentials"),
    errors.KeyringUnavailable: errors.KeyringUnavailable("没有可用的系统密钥环", "no_keyring"),
    errors.InsecureTransport: errors.InsecureTransport("拒绝以明文 http 连接", "clear_text"),
    errors.SyncBusy: errors.SyncBusy("另一个同步正在进行"),
    ApiError: ApiError(429, "too_many_attempts", "稍后再试", retry_after=30),
    AuthError: AuthError("invalid_credentials", "wrong user name or password"),
    Throttled: Throttled(Refusal("locked_out", "账号已暂时锁定", 900)),
    Busy: Busy(5),
    TimeRefusal: TimeRefusal("client_time_invalid", "client_time: must carry a UTC offset"),
}


def _modules() -> list[ModuleType]:
    found = []
    for package in ("app", "server"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, package + "."):
            # Screens raise nothing that leaves the process; importing them all needs Qt.
            if info.name.startswith("app.views") or info.name.endswith("__main__"):
                continue
            found.append(importlib.import_module(info.name))
    return found


def _project_exceptions() -> list[type[BaseException]]:
    classes = {
        obj
        for module in _modules()
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, BaseException)
        and obj.__module__.split(".")[0] in ("app", "server")
    }
    return sorted(classes, key=lambda c: (c.__module__, c.__qualname__))


def _own_constructor(cls: type[BaseException]) -> bool:
    """Whether a class of the project, not BaseException, defines how it is constructed
    with anything but a message."""
    defined = any(
        "__init__" in vars(c) or "__new__" in vars(c)
        for c in cls.__mro__
        if c.__module__.split(".")[0] in ("app", "server")
    )
    if not defined:
        return False
    parameters = list(inspect.signature(cls).parameters.values())
    return [p.name for p in parameters] != ["message"]


def _same(a: BaseException, b: BaseException) -> None:
    assert type(b) is type(a)
    assert str(b) == str(a)
    assert b.args == a.args
    assert vars(b) == vars(a)


def test_the_discovery_finds_the_exceptions() -> None:
    names = {c.__qualname__ for c in _project_exceptions()}
    assert {"RuleViolation", "WorkspaceCorrupt", "Refused", "ApiError", "SyncError"} <= names


@pytest.mark.parametrize("cls", _project_exceptions(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_project_exception_survives_pickling(cls: type[BaseException]) -> None:
    if _own_constructor(cls):
        assert cls in EXAMPLES, f"{cls.__qualname__} has its own __init__: add an example above"
        example = EXAMPLES[cls]
    else:
        example = cls("出错了 something went wrong")
    example.add_note("raised in a worker process")
    copy = pickle.loads(pickle.dumps(example))
    _same(example, copy)


def test_code_and_message_cross_intact() -> None:
    error = pickle.loads(pickle.dumps(EXAMPLES[RuleViolation]))
    assert isinstance(error, RuleViolation)
    assert (error.code, error.message) == ("unreasonable_pending", "已申请或已认定为不合理诉求")
    refused = pickle.loads(pickle.dumps(EXAMPLES[Refused]))
    assert isinstance(refused, Refused)
    assert (refused.status, refused.code) == (409, "invalid_transition")
    assert refused.message == "工单当前状态为“已办结”，不能执行“答复”"
    throttled = pickle.loads(pickle.dumps(Refused(429, "locked_out", "账号已暂时锁定", 900)))
    assert (throttled.code, throttled.retry_after) == ("locked_out", 900)
    signed_out = pickle.loads(pickle.dumps(EXAMPLES[errors.AuthRequired]))
    assert isinstance(signed_out, errors.AuthRequired) and signed_out.code == "invalid_credentials"
    full = pickle.loads(pickle.dumps(EXAMPLES[StoreError]))
    assert isinstance(full, StoreError) and full.kind == "full"
    invalid = pickle.loads(pickle.dumps(EXAMPLES[IntakeInvalid]))
    assert isinstance(invalid, IntakeInvalid)
    assert [e.code for e in invalid.errors] == ["bad_phone", "too_long"]
    corrupt = pickle.loads(pickle.dumps(EXAMPLES[WorkspaceCorrupt]))
    assert isinstance(corrupt, WorkspaceCorrupt)
    assert corrupt.path == Path("/data/工作区/workspace.sqlite3")


def test_an_attribute_set_after_raising_crosses_too() -> None:
    error = RuleViolation("bad_days", "延期天数须大于0")
    error.order_id = "o-1"  # type: ignore[attr-defined]
    copy = pickle.loads(pickle.dumps(error))
    assert copy.order_id == "o-1"
