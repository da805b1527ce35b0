"""Drill scenarios from what callers really said (来电原话), never from the article itself.

A scenario is taken from a call that was answered on the spot with an article
(直接答复, the order records the article and its version): the operator's record of what
the caller said, put back into the caller's first person, with everything that could name
the caller scrubbed — the caller's name, numbers and company, the address, the party
complained about, and any phone, ID, plate, order number, e-mail or house number in the
text. Confidential callers (是否保密) are never used. A text that still quotes one of the
article's own phrasings (常见问法) or its title is dropped: matching it would be trivial.
Scenarios of one set are ordered so that two in a row come from different articles.

Plain Python: no Qt, no SQL, no HTTP.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.models.drills import Scenario, Selection, generated_id, selects
from app.models.enums import AppealType
from app.models.kb import Article

MASK = "××"
MIN_WORDS = 8  # a scrubbed text shorter than this says too little to drill


@dataclass(frozen=True)
class CallerWords:
    """One directly answered call: what was recorded of the caller's words, the article it
    was answered with, and what identifies the caller (to be scrubbed)."""

    order_id: str
    article: str
    version: int
    text: str
    appeal_type: AppealType
    category: str = ""
    confidential: bool = False
    secrets: tuple[str, ...] = ()  # name, phones, company, address, party complained about


# ---- scrubbing ---------------------------------------------------------------------------

_CN = "\u4e00-\u9fff"
_NUM = "零〇一二三四五六七八九十百两幺"
# Common surnames (Zhongshan's Cantonese ones among them), compound ones first: a surname
# with a title (黄经理, 欧阳娜娜女士), 老 and a surname (老陈), a surname and a given name
# after a word that introduces a person (邻居张伟明, 名叫李华) or in quotes are a name.
_COMPOUND = "欧阳|司徒|上官|诸葛|司马|东方|皇甫|端木|慕容|令狐|尉迟|长孙|夏侯|公孙"
_SINGLE = (
    "陈黄李梁林张刘吴何罗郑杨冯谭周叶徐苏卢邓萧肖蔡马高胡郭曾彭潘钟余赖谢朱袁邱许麦区"
    "欧汤关甘伍方严龙杜卓温莫廖邝孔钱孙赵吕施沈韩唐曹程董丁魏任姚宋熊范金陆贺江石毛尹"
    "易覃黎韦岑容古植阮姜崔秦蒋陶王洪邹侯雷郝龚汪田万段夏傅史庞武康白孟颜薛符简翁"
)
_SURNAMES = f"{_COMPOUND}|[{_SINGLE}]"
# Surnames that also begin everyday words (高烧, 周末, 马上, 何时, 方便, 白天, 钱, 关于,
# 任何, 温度 …): after a word introducing a person they are more often those words.
_EVERYDAY = "高周马何方白钱关任温金石江万易龙古田康段程甘黎史夏武"
_INTRODUCED = f"{_COMPOUND}|[{''.join(c for c in _SINGLE if c not in _EVERYDAY)}]"
_TITLES = (
    "先生|女士|小姐|太太|阿姨|伯伯|叔叔|婆婆|师傅|老师|经理|主任|老板|医生|律师|姨|伯|叔|婆|姐|哥"
)
_INTRODUCES = (
    "叫|名叫|姓名|名字是|名为|邻居|业主|房东|租客|经理|主任|保安|司机|师傅|员工|负责人|"
    "同事|丈夫|妻子|老公|老婆|儿子|女儿|母亲|父亲|患者|病人|学生|孩子|老板|工作人员"
)
_HANDLE = r"[A-Za-z0-9][A-Za-z0-9_\-.]{2,}"
_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), MASK),  # e-mail
    # an order number: ZS261127-W07-0012, a provisional or store station, a renumbered -2
    (re.compile(r"ZS\d{6}-?[A-Z0-9]{2,6}-?\d{3,}(?:-\d+)?", re.IGNORECASE), MASK),
    # plate numbers: 粤T·12345, 粤TD12345
    (
        re.compile(
            r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领]\s*[A-Z]\s*"
            r"[·•.\-]?\s*[A-Z0-9]{4,6}",
            re.IGNORECASE,
        ),
        MASK,
    ),
    # a WeChat, QQ or other account named as such, whatever it is made of
    (
        re.compile(rf"((?:微信|QQ|qq|抖音|账号|账户|用户名)号?\s*(?:是|为|[:：])?\s*){_HANDLE}"),
        rf"\1{MASK}",
    ),
    # a handle, card or code of letters with digits or underscores: chen_zs1988, wxid_abc12
    (
        re.compile(
            r"(?<![A-Za-z0-9_])(?=[A-Za-z0-9_.\-]*[A-Za-z])(?=[A-Za-z0-9_.\-]*[\d_])"
            r"[A-Za-z0-9][A-Za-z0-9_.\-]{3,}(?![A-Za-z0-9_])"
        ),
        MASK,
    ),
    # phones, landlines with their area code in brackets, IDs, cards: 5+ digits
    (re.compile(r"[A-Z]{0,2}[(（]?\d[\d\s\-()（）]{3,}\d[Xx]?", re.IGNORECASE), MASK),
    (re.compile(rf"[{_NUM}]{{5,}}"), MASK),  # the same said in Chinese numerals
    # a house: 升平路12号, 康华路十二号, 富华道32号
    (re.compile(rf"[{_CN}]{{1,8}}(?:路|街|巷|道|大道|大街|村|里)[\d{_NUM}]+号"), MASK),
    # 3栋1201房, 十二栋五零三, B座二零一, 三楼
    (
        re.compile(
            rf"(?:[A-Za-z\d]+|[{_NUM}]{{2,}}|[二三四五六七八九十])"
            rf"(?:号|栋|幢|座|楼|层|室|房|弄|巷|单元)[\dA-Za-z{_NUM}]*"
        ),
        MASK,
    ),
    (re.compile(rf"(?:{_SURNAMES})[{_CN}]{{0,2}}?(?:{_TITLES})"), MASK),  # 陈先生, 黄志强经理
    (re.compile(rf"[{_CN}](?:先生|女士|小姐|太太|阿姨|伯伯|师傅)"), MASK),  # any 某先生
    (re.compile(rf"老(?:{_SURNAMES})"), MASK),  # 老陈
    (
        re.compile(rf"((?:{_INTRODUCES})\s*(?:是|为|[:：])?\s*)(?:{_INTRODUCED})[{_CN}]{{1,2}}"),
        rf"\1{MASK}",
    ),
    (re.compile(rf"[“\"「『‘](?:{_SURNAMES})[{_CN}]{{1,2}}[”\"」』’]"), MASK),  # “张伟明”
)


# An address's parts as callers name them apart: 坦洲镇 / 碧桂园 / 3期 / 5栋 / 1201房.
_PLACE_PART = re.compile(
    r"[^路街巷道号栋座幢楼室房村苑园期区镇里]+[路街巷道号栋座幢楼室房村苑园期区镇里]?"
)


def _place_parts(secret: str) -> list[str]:
    return [part for part in _PLACE_PART.findall(secret) if len(part) >= 3]


def _name_forms(secret: str) -> list[str]:
    """A name and how callers are spoken of by it: 陈志强 → 陈志强, 陈先生, 陈生 …"""
    forms = [secret]
    if 2 <= len(secret) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in secret):
        surname = secret[0]
        forms += [surname + s for s in ("先生", "女士", "小姐", "生", "姐", "哥", "伯", "姨")]
        forms += ["老" + surname, "阿" + secret[-1]]
    return forms


# Full-width digits, letters and the marks of addresses and numbers (１３８, ＡＢ, ＠, ＿) as
# their plain forms; Chinese punctuation stays.
_FOLD = {
    c: c - 0xFEE0
    for c in range(0xFF01, 0xFF5F)
    if chr(c - 0xFEE0).isalnum() or chr(c - 0xFEE0) in "@_.-+#"
}


def fold(text: str) -> str:
    return text.translate(_FOLD)


def _spaced(form: str) -> re.Pattern[str]:
    """A secret as typed with blanks between its characters (陈 志 强, 138 0013 8000)."""
    return re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*".join(re.escape(c) for c in form))


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """The text with the caller's own details, any name spoken of with a title or
    introduced as a person, and every number, account, plate and house masked. Full-width
    digits and letters are folded first (１３８ is 138)."""
    text = fold(text)
    forms: list[str] = []
    for secret in secrets:
        secret = fold(unicodedata.normalize("NFKC", secret)).strip()
        if len(secret) >= 2:
            forms += _name_forms(secret) + _place_parts(secret)
    for form in sorted(set(forms), key=len, reverse=True):  # the longest first
        text = _spaced(form).sub(MASK, text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return re.sub(f"(?:{MASK})+", MASK, text)


# ---- rewording ---------------------------------------------------------------------------

# "请相关部门予以答复。": the operator's closing words, not the caller's
_CLOSING = re.compile(
    r"[，,。]?\s*请(?:相关|有关)?(?:部门|单位)?(?:予以)?(?:答复|处理|核实|解答)[^，。]*[。]?$"
)
# The operator writes of the caller in the third person; the caller said "I".
_REWORD = (
    (_CLOSING, ""),
    (re.compile(r"^市民来电"), ""),
    (re.compile(r"来电人及"), "我和"),
    (re.compile(r"来电人为"), "我是"),
    (re.compile(r"来电人居住在|来电人住在"), "我住在"),
    (re.compile(r"来电人(?:称|反映|表示)"), "我"),
    (re.compile(r"来电人咨询|来电人询问|来电人想了解"), "我想问一下"),
    (re.compile(r"来电人|市民|诉求人|当事人"), "我"),
    (re.compile(r"咨询|询问"), "想问一下"),
    (re.compile(r"(?<=[为给向])其"), "我"),
    (re.compile(r"其(?=[父母子女配妻丈孩家职])"), "我"),
    (re.compile(r"本人"), "我"),
)


def reword(text: str) -> str:
    """An operator's record of a call, as the caller would have said it."""
    text = text.strip()
    for pattern, replacement in _REWORD:
        text = pattern.sub(replacement, text)
    text = text.strip("，, ")
    if text and text[-1] not in "。？！?!":
        text += "。"
    return text


# ---- never the article's own words -------------------------------------------------------

_PUNCT = re.compile(r"[\W_]+")


def _plain(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text)).lower()


def _longest_common(a: str, b: str) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for ch in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def spoken_terms(lexicon: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The knowledge base's synonyms (term → canonical terms) turned round: canonical term →
    the words callers use for it."""
    spoken: dict[str, list[str]] = {}
    for term, canonicals in lexicon.items():
        for canonical in canonicals:
            spoken.setdefault(canonical, []).append(term)
    return spoken


def quotes_article(text: str, article: Article) -> bool:
    """True when the text quotes one of the article's phrasings or its title: one of them
    whole, or most of one (all but a word or two), punctuation and width aside."""
    plain = _plain(text)
    for phrasing in (*article.questions, article.title):
        words = _plain(phrasing)
        if len(words) < 4:
            continue
        if words in plain or plain in words:
            return True
        if _longest_common(plain, words) >= max(6, int(len(words) * 0.75)):
            return True
    return False


# ---- scenarios ---------------------------------------------------------------------------


def everyday_words(text: str, article: Article, colloquial: Mapping[str, Sequence[str]]) -> str:
    """The article's own terms in the text said as callers say them (最低生活保障 → 低保,
    from the knowledge base's synonyms): canonical term → the words callers use."""
    own = article.title + "".join(article.questions)
    for canonical in sorted(colloquial, key=len, reverse=True):
        if canonical in text and canonical in own:
            spoken = next((t for t in colloquial[canonical] if t not in own), "")
            if spoken:
                text = text.replace(canonical, spoken)
    return text


def caller_text(
    call: CallerWords,
    article: Article | None = None,
    colloquial: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The scenario's words for one call (scrubbed, reworded, the article's own phrasing
    avoided), "" when it cannot be used."""
    if call.confidential:
        return ""
    return _usable(reword(scrub(call.text, call.secrets)), article, colloquial or {})


def _usable(text: str, article: Article | None, colloquial: Mapping[str, Sequence[str]]) -> str:
    if article is not None and quotes_article(text, article):
        text = everyday_words(text, article, colloquial)
        if quotes_article(text, article):
            return ""
    return text if len(_plain(text.replace(MASK, ""))) >= MIN_WORDS else ""


def from_calls(
    calls: Iterable[CallerWords],
    articles: Iterable[Article],
    set_name: str,
    selection: Selection,
    today: date,
    colloquial: Mapping[str, Sequence[str]] | None = None,
) -> list[Scenario]:
    """Scenarios from the calls answered with the selected articles: up to
    `selection.per_article` different texts per article, never one that quotes the article,
    ordered so that neighbours come from different articles where there is a choice.
    `colloquial`: canonical term → the words callers use for it (the synonyms)."""
    every = list(articles)
    chosen = {a.id: a for a in every if selects(selection, a, today)}
    # no other article's phrasing either, word for word: it would lead straight to that one
    phrasings = {_plain(q) for a in every for q in a.questions}
    phrasings = {q for q in phrasings if len(q) >= 6}
    by_article: dict[str, list[Scenario]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    tried: set[tuple[str, str]] = set()
    for call in calls:
        article = chosen.get(call.article)
        if article is None or len(by_article[article.id]) >= max(1, selection.per_article):
            continue
        if call.confidential:
            continue
        said = reword(scrub(call.text, call.secrets))
        if (article.id, said) in tried:  # many callers ask alike: each wording checked once
            continue
        tried.add((article.id, said))
        text = _usable(said, article, colloquial or {})
        if not text or (article.id, text) in seen or quotes_article(text, article):
            continue
        plain = _plain(text)
        if any(q in plain for q in phrasings):
            continue
        seen.add((article.id, text))
        by_article[article.id].append(
            Scenario(
                id=generated_id(set_name, article.id, text),
                text=text,
                articles=(article.id,),
                appeal_type=call.appeal_type,
                category=article.category,
                unit=article.unit,
                set_name=set_name,
                source=f"{article.id}@v{call.version or article.version}",
            )
        )
    order = list(chosen)
    if selection.changed_since is not None:  # a policy change is drilled the week it happens
        order.sort(key=lambda a: chosen[a].updated_at, reverse=True)
    return interleave([s for a in order for s in by_article.get(a, [])])


def interleave(scenarios: Sequence[Scenario]) -> list[Scenario]:
    """The same scenarios, round-robin over their articles (first article first), so two
    neighbours share an article only when nothing else is left."""
    queues: dict[tuple[str, ...], deque[Scenario]] = {}
    for s in scenarios:
        queues.setdefault(s.articles, deque()).append(s)
    result: list[Scenario] = []
    while queues:
        for key in list(queues):
            result.append(queues[key].popleft())
            if not queues[key]:
                del queues[key]
    return result
