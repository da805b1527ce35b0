"""Drill scenarios from real calls, attacked: they never quote the article's own phrasings,
never carry the caller's name, numbers or address, never come from a confidential caller,
and two in a row never share an article while another is waiting."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.models.clock import CHINA
from app.models.drill_sources import (
    CallerWords,
    caller_text,
    from_calls,
    interleave,
    quotes_article,
    reword,
    scrub,
    spoken_terms,
)
from app.models.drills import Answer, Scenario, Selection, grade, next_scenario, quality, review
from app.models.enums import AppealType, EventType
from app.models.kb import Article
from app.models.operations import DirectAnswer
from app.models.policy import Policy
from app.models.records import Appellant
from app.store.drills.sources import caller_words, synonyms
from app.store.kb.articles import demo_articles_path
from app.store.workspace import Workspace
from tests.support.builders import make_intake, operator
from tests.support.clock import NOW

TODAY = date(2026, 11, 27)
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=CHINA)


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).lower()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory, policy: Policy) -> list[Article]:
    ws = Workspace(tmp_path_factory.mktemp("kb"), policy, clock=lambda: NOW)
    ws.knowledge().import_jsonl(demo_articles_path())
    found = list(ws.knowledge().articles())
    ws.close()
    return found


def _call(article: Article, text: str, n: int = 0, **changes: object) -> CallerWords:
    words = CallerWords(f"o{n}", article.id, article.version, text, AppealType.ENQUIRY)
    return replace(words, **changes)  # type: ignore[arg-type]


# ---- never the article's own words ---------------------------------------------------------


def test_a_call_quoting_its_article_never_becomes_a_scenario_quoting_it(
    articles: list[Article],
) -> None:
    """Every phrasing and title of every demo article, quoted by a caller as plainly as can
    be, in full width, with spaces, inside a longer account: no scenario quotes it."""
    calls = []
    for n, article in enumerate(articles):
        for i, phrasing in enumerate((*article.questions, article.title)):
            wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in phrasing)
            for k, text in enumerate(
                (
                    phrasing,
                    f"来电人称：{phrasing}？请相关部门予以答复。",
                    f"来电人咨询 {' '.join(wide)} ，家里老人一直在问这件事。",
                )
            ):
                calls.append(_call(article, text, n * 100 + i * 10 + k))
    scenarios = from_calls(calls, articles, "s", Selection(per_article=50), TODAY)
    by_id = {a.id: a for a in articles}
    assert scenarios  # some callers said more than the article's words
    for s in scenarios:
        article = by_id[s.articles[0]]
        for phrasing in (*article.questions, article.title):
            assert _plain(phrasing) not in _plain(s.text), (s.text, phrasing)
        assert not quotes_article(s.text, article)


def test_no_scenario_quotes_another_articles_phrasing_either(articles: list[Article]) -> None:
    water = articles[0]
    quoted = next(q for a in articles[1:] for q in a.questions if len(_plain(q)) >= 6)
    text = f"来电人反映家里这两天的情况，{quoted}，家里老人很着急"
    scenarios = from_calls([_call(water, text)], articles, "s", Selection(), TODAY)
    assert not any(_plain(quoted) in _plain(s.text) for s in scenarios)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_no_scenario_quotes_a_phrasing_whatever_surrounds_it(
    articles: list[Article], data: st.DataObject
) -> None:
    article = data.draw(st.sampled_from([a for a in articles if a.questions]))
    phrasing = data.draw(st.sampled_from(article.questions))
    before = data.draw(st.text(alphabet="来电人称咨询反映我家住在附近，。 ", max_size=12))
    after = data.draw(st.text(alphabet="请相关部门予以答复，。？ 谢谢", max_size=12))
    text = caller_text(_call(article, before + phrasing + after), article)
    assert _plain(phrasing) not in _plain(text)


def test_the_articles_own_terms_are_said_as_callers_say_them(articles: list[Article]) -> None:
    """A record that uses the title's formal words is reworded with the synonyms callers
    use, not dropped, when that takes it far enough from the article."""
    article = next(a for a in articles if a.title == "最低生活保障申请")
    text = "来电人家庭收入较低，想问一下最低生活保障申请的条件和办理渠道，请相关部门予以答复。"
    assert caller_text(_call(article, text), article) == ""  # it quotes the title
    spoken = spoken_terms({"低保": ["最低生活保障"], "吃低保": ["最低生活保障"]})
    said = caller_text(_call(article, text), article, spoken)
    assert said and "最低生活保障" not in said and "低保" in said
    assert not quotes_article(said, article)


# ---- the caller's name, numbers and address ----------------------------------------------

SURNAMES = "陈黄李梁林张刘吴何罗郑杨冯谭"
GIVEN = "伟芳志强秀英嘉欣俊杰丽华建晓东美玲家豪"
DIGITS = "0123456789"


@settings(max_examples=200, deadline=None)
@given(
    surname=st.sampled_from(SURNAMES),
    given_name=st.text(alphabet=GIVEN, min_size=1, max_size=2),
    mobile=st.text(alphabet=DIGITS, min_size=9, max_size=9),
    landline=st.text(alphabet=DIGITS, min_size=7, max_size=7),
    id_digits=st.text(alphabet=DIGITS, min_size=17, max_size=17),
    plate=st.text(alphabet="ABCDEFGHJK0123456789", min_size=5, max_size=5),
    house=st.integers(1, 999),
    wide=st.booleans(),
)
def test_names_numbers_and_addresses_are_scrubbed(
    articles: list[Article],
    surname: str,
    given_name: str,
    mobile: str,
    landline: str,
    id_digits: str,
    plate: str,
    house: int,
    wide: bool,
) -> None:
    article = articles[0]
    name = surname + given_name
    phone = "13" + mobile
    id_number = id_digits + "X"
    address = f"小榄镇升平路{house}号"
    road_of_other = f"康华路{house + 1}号3栋1201房"
    plate_number = f"粤T{plate}"
    company = "中山市利和五金制品有限公司"

    def shown(number: str) -> str:
        return "".join(chr(ord(c) + 0xFEE0) for c in number) if wide else number

    text = (
        f"来电人{name}（{surname}先生）称，其电话{shown(phone)}，备用0760-{landline}，"
        f"身份证号{id_number}，车牌{plate_number}，住{address}，在{company}上班，"
        f"邻居住{road_of_other}，邮箱 chen{house}@example.com，"
        f"咨询上次工单ZS261127-W03-0012的办理进度，{surname}生说希望尽快回复。"
    )
    secrets = (name, phone, company, address, "")
    said = caller_text(_call(article, text, secrets=secrets))
    assert said
    for secret in (
        name,
        surname + "先生",
        surname + "生",
        phone,
        id_number,
        address,
        company,
        plate_number,
        road_of_other,
        f"chen{house}",
        "ZS261127",
    ):
        assert secret not in said, (secret, said)
    assert not re.search(r"\d{5,}", said)  # no phone, ID or card number is left
    assert not re.search(r"\d+号", said)


def test_full_width_digits_of_a_secret_are_scrubbed_too() -> None:
    text = "来电人陈志强电话１３８００００１２３４，家住升平路１２号。"
    said = scrub(text, ["陈志强", "13800001234"])
    assert "陈志强" not in said and "1380000" not in said and "12号" not in said
    assert "，" in said  # Chinese punctuation is kept as written


def test_an_address_is_scrubbed_in_its_parts_too() -> None:
    """A caller who names the estate or the block alone, not the address as recorded."""
    said = scrub(
        "来电人称住碧桂园那边，5栋的电梯又坏了，就在坦洲镇这边。",
        ["坦洲镇碧桂园3期5栋1201房"],
    )
    assert "碧桂园" not in said and "5栋" not in said and "坦洲镇" not in said
    assert "电梯又坏了" in said


# What an outside prober typed: every form a person or a number takes in a caller's words,
# none of them among the caller's recorded details (third parties, other spellings).
LEAKS = {
    "李伯每天晚上在楼道烧东西": "李伯",
    "邻居“张伟明”天天在楼道堆放杂物": "张伟明",
    "物业经理黄志强态度恶劣": "黄志强",
    "来电人欧阳娜娜女士反映": "欧阳",
    "老陈说过几天就修": "老陈",
    "邻居叫梁嘉欣的经常半夜唱歌": "梁嘉欣",
    "座机（0760）8888 1234打不通": "0760",
    "电话是幺三八零零一三八零零零": "幺三八零零",
    "住龙昌花园十二栋五零三": "五零三",
    "住B座二零一": "二零一",
    "住富华道32号之一": "32",
    "加我微信zhangsan88": "zhangsan88",
    "微信号：chen_zs1988": "chen_zs1988",
    "微信号 wxid_abc123def": "wxid_abc123def",
    "邮箱 chen＠qq.com": "chen",
    "上次工单ZS261127-S0A-0012还没回复": "S0A",
    "上次工单ZS261127-WAB12-0012-2还没回复": "WAB12",
    "身份证 442000 19900101 123X": "123X",
}


@pytest.mark.parametrize("text", sorted(LEAKS))
def test_people_and_numbers_in_any_form_are_scrubbed(text: str) -> None:
    said = scrub(f"来电人称{text}，请尽快处理。")
    assert LEAKS[text] not in said, said
    assert not re.search(r"\d{3,}", said), said


def test_a_secret_typed_with_blanks_between_its_characters_is_scrubbed() -> None:
    said = scrub("来电人 陈 志 强 称家里停水", ["陈志强"])
    assert "陈" not in said and "家里停水" in said


def test_everyday_words_are_left_as_they_were() -> None:
    """Words that look like a surname and a title or a numbered place are not names."""
    for text in (
        "来电人反映小区卫生差，何时能处理？方便的话尽快",
        "高层住户用水不方便，老人家很着急",
        "来电人反映老旧小区加装电梯的补贴政策",
        "我姐姐想问社保卡怎么办理",
        "问一下5G基站辐射",
        "孩子高烧不退，邻居周末装修，老板马上就来，员工何时发工资，司机白天不在",
    ):
        assert scrub(text) == text


def test_the_record_is_put_back_into_the_callers_words() -> None:
    assert reword("来电人为厂区负责人，咨询××本周是否有计划停电，请相关部门予以答复。") == (
        "我是厂区负责人，想问一下××本周是否有计划停电。"
    )
    assert reword("来电人咨询其职工医保个人账户能否给父母购药使用") == (
        "我想问一下我职工医保个人账户能否给父母购药使用。"
    )


# ---- confidential callers ----------------------------------------------------------------


def test_a_confidential_caller_is_never_used(articles: list[Article]) -> None:
    article = articles[0]
    secret = _call(article, "来电人称，楼下铺面晚上偷偷排污水到河涌里面", 1, confidential=True)
    open_call = _call(article, "来电人咨询片区里面什么时候恢复正常供水，家里老人等着用", 2)
    scenarios = from_calls([secret, open_call], articles, "s", Selection(per_article=5), TODAY)
    said = "我想问一下片区里面什么时候恢复正常供水，家里老人等着用。"
    assert [s.text for s in scenarios] == [said]
    assert caller_text(secret) == ""


def test_the_store_gives_only_direct_answers_of_open_callers(
    tmp_path: Path, policy: Policy
) -> None:
    """Through a real workspace: a confidential caller's direct answer, an order that was
    dispatched instead, and an open caller's direct answer; only the last is a source."""
    ws = Workspace(tmp_path, policy, clock=lambda: NOW)
    ws.knowledge().import_jsonl(demo_articles_path())
    answer = DirectAnswer("已告知查询渠道。", "kb-0001", 1)
    hidden = Appellant(phone="13900001111", name="林美玲", confidential=True)
    ws.record_intake(
        make_intake(appellant=hidden, content="来电人举报楼下偷偷排放污水，要求保密。"),
        operator(ws),
        answer,
    )
    ws.record_intake(make_intake(content="来电人反映小区停水两天了没人管。"), operator(ws))
    ws.record_intake(
        make_intake(content="来电人陈先生咨询13800001234这个号码登记的地址明天会不会停水。"),
        operator(ws),
        answer,
    )
    calls = caller_words(ws.database)
    recorded = "来电人陈先生咨询13800001234这个号码登记的地址明天会不会停水。"
    assert [c.text for c in calls] == [recorded]
    assert "13800001234" in calls[0].secrets and "石岐孙文中路1号" in calls[0].secrets
    scenarios = from_calls(
        calls,
        ws.knowledge().articles(),
        "s",
        Selection(),
        TODAY,
        spoken_terms(synonyms(ws.database)),
    )
    assert len(scenarios) == 1
    assert "13800001234" not in scenarios[0].text and "陈先生" not in scenarios[0].text
    assert "偷偷排放" not in scenarios[0].text
    ws.close()


def test_a_caller_attached_later_as_confidential_withdraws_the_order(
    tmp_path: Path, policy: Policy
) -> None:
    """并单 after the answer: a caller attached with 是否保密 makes the whole order
    confidential (docs/security.md), so its words are never a scenario; an ordinary caller
    attached later has their own name and number scrubbed."""
    ws = Workspace(tmp_path, policy, clock=lambda: NOW)
    ws.knowledge().import_jsonl(demo_articles_path())
    answer = DirectAnswer("已告知查询渠道。", "kb-0001", 1)
    words = "来电人咨询片区里面什么时候恢复正常供水，家里老人等着用，何丽华也在问。"
    hidden = ws.record_intake(make_intake(content=words), operator(ws), answer)
    shown = ws.record_intake(make_intake(content=words), operator(ws), answer)
    secret = {"phone": "13911112222", "name": "林美玲", "confidential": True, "text": "同一事项"}
    ws.act(hidden.id, EventType.ADD_CALLER, secret, operator(ws))
    other = {"phone": "13733334444", "name": "何丽华", "confidential": False, "text": "同一事项"}
    ws.act(shown.id, EventType.ADD_CALLER, other, operator(ws))
    calls = {c.order_id: c for c in caller_words(ws.database)}
    assert calls[hidden.id].confidential and caller_text(calls[hidden.id]) == ""
    assert not calls[shown.id].confidential and "何丽华" in calls[shown.id].secrets
    said = caller_text(calls[shown.id])
    assert said and "何丽华" not in said and "何女士" not in said
    ws.close()


# ---- neighbours vary ---------------------------------------------------------------------


def _set(sizes: list[int]) -> list[Scenario]:
    return [
        Scenario(f"a{a}-{i}", f"第{a}篇第{i}问", (f"k{a}",), AppealType.ENQUIRY, set_name="s")
        for a, size in enumerate(sizes)
        for i in range(size)
    ]


@settings(max_examples=100, deadline=None)
@given(sizes=st.lists(st.integers(1, 4), min_size=2, max_size=6))
def test_a_generated_set_never_puts_one_article_twice_in_a_row(sizes: list[int]) -> None:
    ordered = interleave(_set(sizes))
    assert sorted(s.id for s in ordered) == sorted(s.id for s in _set(sizes))
    for i, (a, b) in enumerate(itertools.pairwise(ordered)):
        if a.articles == b.articles:  # only once every other article is used up
            assert all(s.articles == a.articles for s in ordered[i:])


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=5),
    misses=st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_a_session_never_asks_two_of_one_article_in_a_row(
    sizes: list[int], misses: list[bool]
) -> None:
    """The scheduler, answering right or wrong as drawn, due and new mixed: the next
    scenario shares no article with the one just answered while another is waiting."""
    scenarios = _set(sizes)
    cards: dict = {}
    now, last = T0, ""
    for missed in misses:
        item = next_scenario(scenarios, cards, now, skip=last, ahead=True)
        assert item is not None
        if last:
            just = next(s for s in scenarios if s.id == last)
            waiting = [
                s
                for s in scenarios
                if s.id != last and (s.id not in cards or cards[s.id].due <= now)
            ]
            if any(set(s.articles).isdisjoint(just.articles) for s in waiting):
                assert set(item.articles).isdisjoint(just.articles), (last, item.id)
        answer = Answer("wrong" if missed else item.articles[0], item.appeal_type, "")
        done = now + timedelta(seconds=20)
        attempt = grade(item, answer, user="op", started=now, answered_at=done)
        cards[item.id] = review(cards.get(item.id), item.id, quality(attempt), attempt.answered_at)
        now += timedelta(minutes=7)
        last = item.id
