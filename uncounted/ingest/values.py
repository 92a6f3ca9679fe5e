"""Coded values: sex, age, event type and alternative names, in the spellings sources use.

Each parser takes a cleaned, non-empty cell and returns the value, or raises ``ValueError`` whose
message is the reason (it never quotes the value: values may identify people).
"""

from __future__ import annotations

import re

from uncounted.model import EventType, Sex

_SEX_WORDS = {
    Sex.FEMALE: "f female woman w 여 여성 여자 녀 녀성 녀자 女 女性 女子",
    Sex.MALE: "m male man 남 남성 남자 男 男性 男子",
}
_SEX = {word: sex for sex, words in _SEX_WORDS.items() for word in words.split()}
_UNKNOWN_SEX = frozenset(
    ("u", "unknown", "?", "??", "-", "--", "n/a", "na", "미상", "모름", "불명")
) | frozenset(("不明", "未知", "不详"))

_EVENT_WORDS = {
    EventType.ARREST: "arrested|apprehended|captured|체포|검거|체포됨|逮捕|被捕|抓捕",
    EventType.DETENTION: "detained|in detention|custody|구금|구류|억류|拘留|羁押|关押|拘押",
    EventType.REPATRIATION: (
        "forced return|forcibly returned|forced repatriation|forcibly repatriated|repatriated"
        "|deported|deportation|refoulement|refouled|returned|강제북송|북송|강제송환|송환"
        "|遣返|强制遣返|遣送|强制遣送"
    ),
    EventType.IMPRISONMENT: "imprisoned|jailed|in prison|sentenced|수감|투옥|监禁|入狱|服刑",
    EventType.RELEASE: "released|freed|석방|출소|释放|出狱|获释",
    EventType.DEATH: "died|dead|deceased|killed|executed|사망|처형|死亡|去世|被处决",
    EventType.LAST_CONTACT: (
        "last contact|contact lost|lost contact|no contact|연락두절|연락 두절|마지막 연락"
        "|최종 연락|최종연락|失联|最后联系"
    ),
}
_EVENT: dict[str, EventType] = {event.value: event for event in EventType}
_EVENT.update({e.value.replace("_", " "): e for e in EventType})
_EVENT.update({word: event for event, words in _EVENT_WORDS.items() for word in words.split("|")})

_AGE = re.compile(
    r"(?:만 ?)?(\d{1,3}) ?(?:세|살|岁|歲|years old|years|year|yrs|yr|y)?\.?", re.IGNORECASE
)
MAX_AGE = 120


def parse_sex(text: str) -> Sex | None:
    """``F``/``M`` and their words in English, Korean (South and North) and Chinese."""
    sex = _SEX.get(text)
    if sex is None:
        key = text.casefold()
        sex = _SEX.get(key)
        if sex is None:
            if key in _UNKNOWN_SEX:
                return None
            raise ValueError("unknown sex code")
    return sex


def parse_age(text: str) -> int:
    """Whole years 0-120, optionally ``34세``, ``34살``, ``만 34세``, ``34 years``."""
    if text.isdigit() and text.isascii():
        age = int(text)
    else:
        match = _AGE.fullmatch(text)
        if match is None or not match[1].isascii():
            raise ValueError("age is not a whole number of years")
        age = int(match[1])
    if age > MAX_AGE:
        raise ValueError(f"age above {MAX_AGE}")
    return age


def parse_event(text: str) -> EventType:
    """One of the seven event types, or a common synonym in English, Korean or Chinese."""
    event = _EVENT.get(text)
    if event is None:
        key = " ".join(text.casefold().replace("_", " ").replace("-", " ").split())
        event = _EVENT.get(key)
        if event is None:
            raise ValueError("unknown event type")
    return event


_ALT_SEPARATORS = re.compile("[;；]")


def split_names(text: str) -> tuple[str, ...]:
    """``Li Meihua; 리영숙`` → both names; empty parts dropped."""
    if ";" not in text and "；" not in text:
        return (text,)
    return tuple(part.strip() for part in _ALT_SEPARATORS.split(text) if part.strip())
