"""Chinese (CJK) text in plots: the font that draws it, and the library's own words in two languages.

Matplotlib's default font (DejaVu Sans) has no Chinese glyphs. haidian's data are often labelled in
Chinese (万吨标准煤, 亿元, sector and region names), and reports are written in Chinese, so:

* the user's own labels are always drawn as given (:func:`display_text`): with a font that has CJK
  glyphs (Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei, Microsoft YaHei, PingFang, ...) through
  a font-family list that puts the CJK font after the default one (matplotlib >= 3.6 falls back
  glyph by glyph); without one, matplotlib draws empty boxes and a :class:`FontWarning` says, once
  per session, what to install. A label is never replaced by another text;
* the library's own words (titles, axis words, made-up factor names, the Tapio states) come from
  :data:`GLOSSARY` in the language asked for (:func:`word`); Chinese ones fall back to English when no
  CJK font is installed, since those words are the library's to choose.

Nothing here imports matplotlib at module import time, so ``import haidian`` stays light.
"""

from __future__ import annotations

import functools
import warnings
import re
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

#: The languages of the library's own words in plots.
LANGS: Tuple[str, ...] = ("en", "zh")


class FontWarning(UserWarning):
    """No installed font has Chinese glyphs: Chinese labels are drawn as empty boxes.

    Issued once per session, by the first plot with a Chinese label. Install a CJK font
    (Debian/Ubuntu: ``apt-get install fonts-noto-cjk``; or any CJK font matplotlib finds), then
    clear matplotlib's font cache if the font is not picked up.

    Examples
    --------
    >>> import haidian.plotting as hp
    >>> issubclass(hp.FontWarning, UserWarning)
    True
    """

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
    # The library's own words in plots, Chinese -> English (read backwards for lang="zh"; a word
    # with several Chinese forms above takes the first).
    "强脱钩": "strong decoupling",
    "弱脱钩": "weak decoupling",
    "扩张连接": "expansive coupling",
    "扩张负脱钩": "expansive negative decoupling",
    "强负脱钩": "strong negative decoupling",
    "弱负脱钩": "weak negative decoupling",
    "衰退连接": "recessive coupling",
    "衰退脱钩": "recessive decoupling",
    "Tapio脱钩": "Tapio decoupling",
    "弹性": "elasticity",
    "观测值": "observations",
    "资源": "resource",
    "产出": "output",
    "时期": "period",
    "数值": "value",
    "变化量": "change",
    "因素": "factor",
    "期初": "start",
    "期末": "end",
    "总变化": "total change",
    "累计总变化": "cumulative total change",
    "相对基期的总变化": "total change against the base",
    "累计效应": "cumulative effect",
    "逐期效应": "effect per step",
    "变化分解": "Decomposition of the change",
    "效应变化（链式）": "Effects over time (chained)",
    "效应变化（定基）": "Effects over time (fixed base)",
    "水平": "level",
    "同比增长率": "growth (year on year)",
    "增长率（跨缺期按年均）": "growth (average per period across gaps)",
}
"""Chinese terms and their English forms: the words plots write themselves (read from English to
Chinese for ``lang="zh"``), and common terms and units of haidian's data.

User labels are never translated; the entries for the library's words must keep their English side
as the plots spell it.

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


def _warn_missing_font() -> None:
    """Say once per session that Chinese labels will be drawn as empty boxes, and what to install."""
    global _warned_missing_font
    if not _warned_missing_font:
        _warned_missing_font = True
        warnings.warn(
            "haidian.plotting: no installed font has Chinese glyphs, so Chinese labels are drawn as "
            "empty boxes; install a CJK font (Debian/Ubuntu: apt-get install fonts-noto-cjk, or any "
            "CJK font matplotlib finds) and clear matplotlib's font cache",
            FontWarning, stacklevel=4)


_warned_missing_font = False


def display_text(text: Any, fallback: Optional[str] = None) -> Tuple[str, Dict[str, Any]]:
    """The text to draw for a label, and the Text properties that draw its Chinese characters.

    Parameters
    ----------
    text : object
        The label (converted with ``str``).
    fallback : str, optional
        Only for the library's own labels: the English text to draw instead when the label has
        Chinese and no CJK font is installed. A user's label has none and is never replaced.

    Returns
    -------
    text : str
        The label; ``fallback`` in its place when given and Chinese cannot be drawn.
    properties : dict
        ``{"fontfamily": [...]}`` putting the CJK font after the default family when the label
        needs it and a CJK font is installed, else empty (with a :class:`FontWarning`, once, when
        a user's Chinese label cannot be drawn).
    """
    label = str(text)
    if not has_cjk(label):
        return label, {}
    font = find_cjk_font()
    if font is None:
        if fallback is not None:
            return fallback, {}
        _warn_missing_font()
        return label, {}
    return label, font_properties(font)


def check_lang(function: str, lang: Any) -> str:
    """``lang`` checked: one of :data:`LANGS`."""
    if not isinstance(lang, str):
        raise TypeError(f"{function}: lang is {type(lang).__name__}, but must be a str: 'en' or 'zh'")
    if lang not in LANGS:
        raise ValueError(f"{function}: lang is {lang!r}, but must be 'en' or 'zh'")
    return lang


def chinese(english_word: str) -> str:
    """The Chinese form :data:`GLOSSARY` gives for one of the library's English words."""
    for zh, en in GLOSSARY.items():
        if en == english_word:
            return zh
    raise KeyError(f"no Chinese form of {english_word!r} in GLOSSARY")


def word(english_word: str, lang: str) -> str:
    """One of the library's own words in ``lang``: English when asked, or when Chinese is asked but
    no installed font can draw it (the library's words may fall back; the user's never do)."""
    if lang == "zh" and find_cjk_font() is not None:
        return chinese(english_word)
    return english_word


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
