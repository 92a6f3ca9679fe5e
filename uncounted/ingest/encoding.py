"""Which codec a list file is in, and decoding that never crashes on a bad byte.

Lists arrive as UTF-8 (with or without BOM), as CP949 from Korean Excel and as GB18030 from
Chinese Excel. Detection: a BOM decides; else a sample that is strict UTF-8 (a multi-byte
character cut by the end of the sample is allowed) is UTF-8; else the sample is decoded both as
CP949 and as GB18030 and the more plausible text wins. Both codecs decode most of each other's
bytes without error (Hangul in KS X 1001 lands on common hanzi in GB2312 and back), so
plausibility is scored by how much of the decoded text is made of the syllables and characters
that lists of Korean and Chinese people actually use, plus the script share and decode errors.

Decoding uses the ``uncounted-salvage`` error handler: each invalid byte becomes a lone
surrogate U+DC00+byte, so a row holding one can be recognised (``has_bad_chars``) and kept as
unreadable, and its bytes recovered exactly (``salvage_bytes``).
"""

from __future__ import annotations

import codecs
import re

SALVAGE = "uncounted-salvage"
SAMPLE_SIZE = 1 << 20
SCORE_SAMPLE = 1 << 16
# Korean groups are this tool's main users: when both readings are equally plausible, CP949.
KOREAN_PRIOR = 0.2

_ALIASES = {
    "utf_8": "utf-8",
    "utf_8_sig": "utf-8-sig",
    "utf_16": "utf-16",
    "cp949": "cp949",
    "euc_kr": "cp949",  # Korean Excel writes CP949 and calls it EUC-KR; CP949 is a superset
    "gb2312": "gb18030",  # GB18030 is a superset of both
    "gbk": "gb18030",
    "gb18030": "gb18030",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _salvage(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error(SALVAGE, _salvage)

_BAD = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\udc00-\udcff]")


def has_bad_chars(text: str) -> bool:
    """A NUL or an undecodable byte (a lone surrogate from the salvage handler)."""
    if text.isascii():
        return "\x00" in text
    return _BAD.search(text) is not None


def visible(text: str) -> str:
    """Text with every undecodable byte shown as U+FFFD (for a person reading the row)."""
    return _BAD.sub("\ufffd", text) if not text.isascii() else text.replace("\x00", "\ufffd")


def salvage_bytes(text: str, encoding: str) -> bytes:
    """The exact bytes a salvaged text was decoded from."""
    out = bytearray()
    pos = 0
    for match in _SURROGATE.finditer(text):
        out += text[pos : match.start()].encode(encoding, "surrogatepass")
        out.append(ord(match[0]) - 0xDC00)
        pos = match.end()
    out += text[pos:].encode(encoding, "surrogatepass")
    return bytes(out)


def normalize_encoding(name: str) -> str:
    """The codec name used for a declared encoding; ``LookupError`` for an unknown one."""
    codec = codecs.lookup(name).name
    return _ALIASES.get(codec.replace("-", "_"), codec)


def bom_encoding(sample: bytes) -> str | None:
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return codec
    return None


def is_utf8(sample: bytes, *, complete: bool) -> bool:
    """Strict UTF-8, allowing a character cut by the end of an incomplete sample."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(sample: bytes, *, complete: bool) -> tuple[str, bool]:
    """``(codec, certain)`` for a sample of the file's first bytes (``complete``: the whole file).

    ``certain`` is False when CP949 and GB18030 scored close: the caller warns.
    """
    bom = bom_encoding(sample)
    if bom is not None:
        return bom, True
    lookalike = False
    if is_utf8(sample, complete=complete):
        lookalike = _legacy_lookalike(sample)
        if not lookalike:
            return "utf-8", True
    head = sample[:SCORE_SAMPLE]
    korean = korean_score(head.decode("cp949", SALVAGE))
    chinese = chinese_score(head.decode("gb18030", SALVAGE))
    codec = "cp949" if korean >= chinese else "gb18030"
    return codec, abs(korean - chinese) >= 0.25 and not lookalike


def _legacy_lookalike(sample: bytes) -> bool:
    """Whether a few CP949/GB18030 characters happen to form valid UTF-8 (``谢萍`` is UTF-8
    ``лƼ``): only for a handful of two-byte characters outside Latin, when a legacy reading
    is error-free and made of common characters."""
    chars = [ch for ch in sample.decode("utf-8", "ignore") if ord(ch) > 0x7F]
    if not chars or len(chars) >= 8 or any(ord(ch) >= 0x800 for ch in chars):
        return False
    if all(ord(ch) <= 0x24F for ch in chars):  # Latin with diacritics: Hoeryŏng, Jīn
        return False
    korean = sample.decode("cp949", SALVAGE)
    chinese = sample.decode("gb18030", SALVAGE)
    return (
        max(
            korean_score(korean) if not _SURROGATE.search(korean) else 0.0,
            chinese_score(chinese) if not _SURROGATE.search(chinese) else 0.0,
        )
        >= 2.0
    )


# Syllables that dominate Korean names, places and list vocabulary (South and North spellings).
_COMMON_KO = frozenset(
    "김이리박최정강조윤장임림한오서신권황안송류유전홍고문양량손배백허남심노로하곽성차주우구민진"
    "나라지엄채원천방공현함변염렴여려추도소석선설마길연련위표명기반왕금옥육륙인맹제모탁국어은편"
    "용룡예례경봉사부가복태목형피두감음빈동온시호범좌팽승간상갈영희수철혜순숙자미준화일광덕애"
    "향란춘식학훈혁재규찬욱환만섭택근필녀분실녕령월매단아다보솔슬별빛누늘바새봄름을겨울정은"
    "번호이름성별생년월일나세살주출신고향건날짜장최종마막락비기록보고북송강제구금체포감방망두절"
    "함경북도양평남자황해청진회령무산온혜의개탈중족길림변문훈춘심양소관리교대내외위원군시읍면동"
    "리가나다의에는를를와과도로서부터까지했다있음없음"
)
# Characters that dominate Chinese text and the names, places and words of such lists.
_COMMON_ZH = frozenset(
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对"
    "可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公"
    "同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正"
    "名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并"
    "内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表"
    "原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风"
    "战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫"
    "连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士"
    "转量空甚众技轻程告江语英基派满式李息写识极令黄德收钱党未持取设始版双历越史商千片容研像找友孩"
    "站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽"
    "朴崔郑姜赵尹韩吴徐申宋柳全洪高梁孙裴许刘沈卢河郭禹具闵陈罗池严蔡孔玄咸卞廉吕秋都苏宣薛吉延"
    "魏奇潘琴玉陆印孟诸卓鞠鱼殷龙芮庆奉夫贾卜睦皮杜甘阴宾董温施范左彭承简尚葛姬秀敏智贤贞恩淑顺"
    "哲浩俊珍慧善春兰梅丽芳燕霞艳静玲雪云凤娟莲杨胡谢唐冯于萧曹袁邓傅曾蒋丁阎余戴夏钟汪田任姚谭"
    "廖邹熊郝康邱秦顾侯邵段雷汤黎易常乔贺赖龚伟娜磊洋勇杰涛超刚桂英哲男成镇镜咸慈壤浦脱族吉延珲"
    "图们丹沈阳编号姓别出龄籍贯址事件最系备注录遣返拘留逮捕监禁释放亡联朝鲜惠稳会宁茂义州看守所"
)


def _script_score(
    text: str, common: frozenset[str], in_script: re.Pattern[str], basic: str
) -> float:
    """Share of plausible characters: common ones count thrice, script ones once, rare ones
    (outside the basic national charset) and undecodable bytes count against."""
    chars = [ch for ch in text if ord(ch) > 0x7F]
    if not chars:
        return 0.0
    bad = sum(0xDC00 <= ord(ch) <= 0xDCFF for ch in chars)
    usual = sum(ch in common for ch in chars)
    script = len(in_script.findall(text))
    rare = sum(not _encodable(ch, basic) for ch in chars)
    return (2 * usual + script - rare - 4 * bad) / len(chars)


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


_HANGUL = re.compile("[\uac00-\ud7a3]")
_HANZI = re.compile("[\u4e00-\u9fff]")


def korean_score(text: str) -> float:
    return _script_score(text, _COMMON_KO, _HANGUL, "euc_kr") + KOREAN_PRIOR


def chinese_score(text: str) -> float:
    return _script_score(text, _COMMON_ZH, _HANZI, "gb2312")
