"""Chinese (CJK) labels in plots: find a font that has the glyphs, or fall back to English cleanly.

Matplotlib's default font (DejaVu Sans) has no Chinese glyphs: drawing "能源" with it prints one
``UserWarning: Glyph ... missing`` per character and renders empty boxes ("tofu"). haidian's data are
often labelled in Chinese (万吨标准煤, 亿元, sector names), so every label a plot draws goes through
:func:`display_text`:

* when a font with CJK glyphs is installed (Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei,
  Microsoft YaHei, PingFang, ...), the Chinese text is kept and drawn with a font-family list that
  puts the CJK font after the default one (matplotlib >= 3.6 falls back glyph by glyph);
* otherwise the text is replaced by its English form: a known term from :data:`GLOSSARY`
  (units such as 万吨标准煤 -> "10^4 tce"), or else the caller's English id (a column name, or
  "factor 2"). No warnings are issued; a single ``logging`` message at INFO level says what happened.

Nothing here imports matplotlib at module import time, so ``import haidian`` stays light.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

_LOG = logging.getLogger("haidian.plotting")

#: Families known to carry CJK glyphs, most preferred first (Simplified Chinese variants first).
CJK_FAMILIES: Tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "STHeiti",
    "Hiragino Sans GB",
    "Songti SC",
    "SimSun",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Droid Sans Fallback",
)

GLOSSARY: Dict[str, str] = {
    "万吨标准煤": "10^4 tce",
    "吨标准煤": "tce",
    "吨标准煤/万元": "tce per 10^4 yuan",
    "万吨标准煤/亿元": "10^4 tce per 10^8 yuan",
    "亿元": "10^8 yuan",
    "万元": "10^4 yuan",
    "元": "yuan",
    "亿美元": "10^8 USD",
    "万美元": "10^4 USD",
    "美元": "USD",
    "平方公里": "km²",
    "公顷": "ha",
    "万平方米": "10^4 m²",
    "万人": "10^4 persons",
    "人": "persons",
    "万立方米": "10^4 m³",
    "个": "count",
    "家": "firms",
    "套": "units",
    "%": "%",
    "地区生产总值": "GDP",
    "能源消费": "energy use",
    "能源消费量": "energy use",
    "能耗": "energy use",
    "单位地区生产总值能耗": "energy intensity of GDP",
    "单位GDP能耗": "energy intensity of GDP",
    "水耗": "water use",
    "用水量": "water use",
    "增加值": "value added",
    "增长率": "growth",
    "同比增长": "growth (y/y)",
    "海淀": "Haidian",
    "海淀区": "Haidian",
    "北京": "Beijing",
    "北京市": "Beijing",
    "工业": "industry",
    "服务业": "services",
    "农业": "agriculture",
    "建筑业": "construction",
    "第一产业": "primary sector",
    "第二产业": "secondary sector",
    "第三产业": "tertiary sector",
    "活动": "activity",
    "结构": "structure",
    "强度": "intensity",
    "合计": "total",
    "总计": "total",
}
"""English forms of common Chinese terms and units, used when no CJK font is installed.

Extend it in place (``haidian.plotting.GLOSSARY["耗水量"] = "water use"``) for your own data.

Examples
--------
>>> import haidian.plotting as hp
>>> hp.GLOSSARY["万吨标准煤"]
'10^4 tce'
"""

# CJK ideographs, extensions, compatibility forms, CJK punctuation and full-width forms: the ranges
# DejaVu Sans lacks and a CJK font supplies.
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]"
)

# Characters that prove a font really covers Chinese (a family name alone can lie).
_PROBE = "海淀能源"


class CjkFont(NamedTuple):
    """A font found to carry CJK glyphs: its family name and its file."""

    family: str
    path: str


def has_cjk(text: str) -> bool:
    """Whether ``text`` contains characters the default matplotlib font cannot draw.

    Parameters
    ----------
    text : str
        Any label.

    Returns
    -------
    bool
        True if any character is a CJK ideograph, kana, CJK punctuation or a full-width form.
    """
    return bool(_CJK.search(text))


def _covers(path: str) -> bool:
    """Whether the font file at ``path`` has glyphs for the probe characters."""
    from matplotlib import ft2font  # lazy: only when a plot is drawn

    try:
        charmap = ft2font.FT2Font(path).get_charmap()
    except (OSError, RuntimeError, ValueError):  # unreadable or unsupported font file
        return False
    return all(ord(character) in charmap for character in _PROBE)


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> Optional[CjkFont]:
    """Find an installed font that draws Chinese, once per session.

    Looks through matplotlib's font list for the families in :data:`CJK_FAMILIES` (in that order),
    then for any family whose name says CJK/Han/Hei/Song/Kai/Ming, and keeps the first whose file
    really has glyphs for Chinese characters.

    Returns
    -------
    CjkFont or None
        The family name and file of the font, or None when no installed font covers Chinese.
    """
    from matplotlib import font_manager

    entries = list(font_manager.fontManager.ttflist)
    by_family: Dict[str, List[str]] = {}
    for entry in entries:
        by_family.setdefault(entry.name, []).append(entry.fname)
    hinted = re.compile(r"CJK|Han |Hei|Song|Kai|Ming|WenQuanYi|YaHei|Fallback", re.IGNORECASE)
    ordered = [name for name in CJK_FAMILIES if name in by_family]
    ordered += sorted(name for name in by_family if name not in ordered and hinted.search(name))
    for family in ordered:
        for path in by_family[family]:
            if _covers(path):
                return CjkFont(family, path)
    return None


def _announce_fallback() -> None:
    """Say once per session, quietly, that Chinese labels are being replaced."""
    if not getattr(_announce_fallback, "done", False):
        _LOG.info(
            "haidian.plotting: no font with Chinese glyphs is installed; Chinese labels are shown "
            "in English (install e.g. fonts-noto-cjk to see them in Chinese)."
        )
        setattr(_announce_fallback, "done", True)


def english(text: str, fallback: Optional[str] = None) -> str:
    """The English form of a label that contains Chinese characters.

    Parameters
    ----------
    text : str
        The label, e.g. "能源消费 (万吨标准煤)".
    fallback : str, optional
        The English id to use for any Chinese the glossary does not know (a column id, "factor 2").

    Returns
    -------
    str
        ``text`` itself if it has no Chinese; the glossary entry for the whole text if there is one;
        otherwise ``text`` with each Chinese run replaced by its glossary entry, and, if some run is
        still unknown, ``fallback`` (or "?" when no fallback was given) in place of that run.
    """
    if not has_cjk(text):
        return text
    if text.strip() in GLOSSARY:
        return GLOSSARY[text.strip()]
    unknown = False

    def replace(match: "re.Match[str]") -> str:
        nonlocal unknown
        run = match.group(0)
        if run in GLOSSARY:
            return GLOSSARY[run]
        unknown = True
        return run

    # A run is a maximal stretch of CJK characters (so "能源消费 (万吨标准煤)" has two runs).
    translated = re.sub(f"(?:{_CJK.pattern})+", replace, text)
    if not unknown:
        return translated
    if fallback is not None and not has_cjk(fallback):
        return fallback
    return re.sub(f"(?:{_CJK.pattern})+", lambda m: GLOSSARY.get(m.group(0), "?"), text)


def display_text(text: Any, fallback: Optional[str] = None) -> Tuple[str, Dict[str, Any]]:
    """The text to draw for a label, and the Text properties that draw it without tofu.

    Parameters
    ----------
    text : object
        The label (converted with ``str``).
    fallback : str, optional
        English id used when the label is Chinese, no CJK font is installed and the glossary does
        not know the term.

    Returns
    -------
    text : str
        The label as given when it is drawable, else its English form (see :func:`english`).
    properties : dict
        ``{"fontfamily": [...]}`` putting the CJK font after the default family when the label
        needs it, else empty.
    """
    label = str(text)
    if not has_cjk(label):
        return label, {}
    font = find_cjk_font()
    if font is None:
        _announce_fallback()
        return english(label, fallback), {}
    return label, font_properties(font)


def font_properties(font: CjkFont) -> Dict[str, Any]:
    """Text properties that draw Latin glyphs in the default font and CJK glyphs in ``font``.

    Parameters
    ----------
    font : CjkFont
        The font found by :func:`find_cjk_font`.

    Returns
    -------
    dict
        ``{"fontfamily": [default sans-serif families..., font.family]}``.
    """
    import matplotlib
    from matplotlib import font_manager

    if not any(entry.fname == font.path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(font.path)  # a font file found outside matplotlib's list
    families = [name for name in matplotlib.rcParams["font.sans-serif"][:1]]
    return {"fontfamily": families + [font.family]}
