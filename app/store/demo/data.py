"""What demo orders are made of: the mix of a real city (appeal types, 镇街, hours of the
day, callers), how often the chain takes its rarer turns (Odds), and the order templates,
roads and names of resources/demo (load_demo_data)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.models.enums import AppealType
from app.models.policy import Policy
from app.resources import resources_dir

DEMO_DEVICE_PREFIX = "demo-"
CENTRE_DEVICE = "demo-centre"

# The type mix of a real city (docs/domain.md#appeal-types-and-reply-limits).
TYPE_MIX: Mapping[AppealType, float] = {
    AppealType.ENQUIRY: 63.7,
    AppealType.HELP: 29.0,
    AppealType.COMPLAINT: 1.0,
    AppealType.SUGGESTION: 0.6,
    AppealType.REPORT: 0.5,
    AppealType.PRAISE: 0.2,
    AppealType.OTHER: 5.0,
}
DIRECT_SHARE = 0.86  # of enquiries, answered on the call
REPEAT_SHARE = 0.15  # of orders, from a caller who called before

# Rough weight of each 镇街 in the call volume (population); unknown codes weigh 1.
TOWN_WEIGHTS: Mapping[str, float] = {
    "xiaolan": 3.0,
    "shiqi": 2.5,
    "dongqu": 2.5,
    "zhongshangang": 2.5,
    "guzhen": 2.0,
    "tanzhou": 2.0,
    "sanxiang": 2.0,
    "xiqu": 1.8,
    "shaxi": 1.5,
    "henglan": 1.3,
    "dongfeng": 1.3,
    "nanqu": 1.2,
    "huangpu": 1.2,
    "nanlang": 1.2,
    "minzhong": 1.2,
}
# fmt: off
# Calls by hour of day: a 7×24 line, busiest in office hours.
HOUR_WEIGHTS = (
    0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.4, 1.0, 2.6, 4.0, 4.4, 4.0,
    3.0, 2.4, 3.6, 4.0, 3.8, 3.2, 2.4, 2.2, 2.0, 1.6, 1.0, 0.6,
)
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177",
    "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
)
SURNAMES = ("陈", "黄", "李", "梁", "林", "张", "刘", "吴", "何", "罗", "郑", "杨", "冯", "谭")
GIVEN = ("伟", "芳", "志强", "秀英", "嘉欣", "俊杰", "丽华", "建华", "晓东", "美玲", "家豪")
# fmt: on
REPLIES = (
    "经核实，已安排工作人员到现场处理，问题已解决，并已电话告知市民。",
    "已联系市民说明有关政策及办理流程，市民表示理解。",
    "经现场核查，情况属实，已责令相关责任方限期整改，我单位将跟踪落实。",
    "已与市民沟通，相关问题已纳入近期工作计划，将尽快处理到位。",
    "经调查，市民反映的问题涉及历史遗留问题，已做好解释工作并提出处理建议。",
)
REVIEW_REJECTIONS = ("答复未说明处理结果，请补充。", "未联系诉求人，请联系后重新答复。")


@dataclass(frozen=True)
class Odds:
    """How often the chain takes its rarer turns (the defaults are the city's mix). A test
    raises them to walk every turn, and every turn after a reopening, many times over."""

    merge: float = 0.08  # a repeat complaint or help call within 5 days, merged
    return_request: float = 0.07  # the unit asks to send the order back
    late: float = 0.12  # the reply comes after the deadline
    extension: float = 0.45  # of late replies to normal orders: an extension asked first
    unreasonable: float = 0.01  # otherwise: 不合理诉求 asked
    supervise: float = 0.45  # of replies past the deadline: supervised (督办) first
    resolved: float = 0.85  # the reply says the matter is resolved
    review_approved: float = 0.94
    reopen: float = 0.6  # of follow-ups that leave the caller unsatisfied


CITY_ODDS = Odds()


@dataclass
class Template:
    type: AppealType
    category: str
    title: str
    content: str
    kb: str = ""
    answer: str = ""


@dataclass
class DemoData:
    """The demo resources: order templates, roads by 镇街, names."""

    templates: dict[AppealType, list[Template]]
    addresses: dict[str, list[str]]
    surnames: list[str]
    given: list[str]
    companies: list[str]


def _read_json(relative: str) -> Any:
    path = resources_dir() / relative
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None  # a file being written right now: fall back for this run


def load_demo_data(policy: Policy) -> DemoData:
    """Read resources/demo/*.json; anything missing falls back to plain generated text."""
    templates: dict[AppealType, list[Template]] = {t: [] for t in AppealType}
    for raw in _read_json("demo/order_templates.json") or []:
        try:
            kind = AppealType(raw["type"])
            item = Template(
                kind,
                str(raw.get("category") or ""),
                str(raw["title"]),
                str(raw["content"]),
                str(raw.get("kb") or ""),
                str(raw.get("answer") or ""),
            )
        except (KeyError, ValueError, TypeError):
            continue
        if item.category and item.category not in policy.category_by_code:
            item.category = ""
        templates[kind].append(item)
    leaves = policy.leaf_categories()
    for kind, items in templates.items():
        if not items:
            items.extend(
                Template(
                    kind,
                    c.code,
                    f"{c.name}{kind.value}",
                    f"市民来电{kind.value}，涉及{c.name}，地点：{{addr}}。请相关单位处理并答复。",
                    answer="已按相关规定向市民解释说明。",
                )
                for c in leaves
            )
    raw_addresses = _read_json("demo/addresses.json") or {}
    addresses = {
        str(k): [str(r) for r in v if r]
        for k, v in raw_addresses.items()
        if isinstance(v, list) and k in policy.town_by_code
    }
    names = _read_json("demo/names.json") or {}
    return DemoData(
        templates=templates,
        addresses=addresses,
        surnames=[str(s) for s in names.get("surnames") or SURNAMES],
        given=[str(g) for g in names.get("given") or GIVEN],
        companies=[str(c) for c in names.get("companies") or ["中山市某某有限公司"]],
    )
