"""Traditional → simplified Chinese for the name characters of the syllable table."""

from __future__ import annotations

_PAIRS = (
    "來来 倫伦 偉伟 兒儿 勳勋 勝胜 協协 國国 壽寿 學学 寧宁 寬宽 寶宝 實实 尙尚 廣广 悅悦 愛爱"
    " 應应 慶庆 會会 東东 極极 榮荣 樂乐 權权 淸清 滿满 漢汉 潤润 澤泽 濟济 煥焕 燁烨 燦灿 碩硕"
    " 祿禄 禮礼 範范 純纯 綠绿 緖绪 羅罗 義义 聖圣 興兴 華华 萬万 蓮莲 藝艺 蘭兰 詩诗 誠诚 謹谨"
    " 豊丰 貞贞 貴贵 賢贤 贊赞 載载 輝辉 達达 遠远 鉉铉 銀银 錦锦 錫锡 鍾钟 鎬镐 鎭镇 鐵铁 長长"
    " 陽阳 雲云 靑青 靜静 順顺 顯显 鮮鲜 鳳凤 鶴鹤 麗丽 齡龄 龍龙 眞真 時时 準准 昇升 欽钦"
)
_TABLE = str.maketrans({pair[0]: pair[1] for pair in _PAIRS.split()})


def simplify(text: str) -> str:
    """The simplified form of a name written in traditional characters (others unchanged)."""
    return text.translate(_TABLE)
