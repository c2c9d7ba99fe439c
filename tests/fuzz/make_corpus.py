"""Writes the reader corpus: tests/fuzz/corpus/<case>.csv and, next to it, <case>.json with what the
reader must make of it (C++ ``haidian::read_dataset``, and ``haidian.datasets.load_csv`` which binds it):

* ``{"rows": [[indicator, region, period, value, unit, price_basis, kind, source, label_zh,
  relative_to, qualifier, source_line], ...]}`` -- the table, defaults filled in; or
* ``{"error": "<case>.csv line 2, column 'value': ..."}`` -- the message after the reader's name.

The expectations are written out by hand below from the rules in docs/dataset.md, not produced by
the reader. The files are also the seeds of the fuzzer (tests/fuzz/harness.py). Run this script
after changing a case; tests/python/test_fuzz_readers.py checks the files are up to date.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List, Optional, Tuple

CORPUS = pathlib.Path(__file__).resolve().parent / "corpus"

REQUIRED = "indicator,region,period,value,unit,price_basis,kind,source"
ALL = REQUIRED + ",label_zh,relative_to,qualifier,source_line"
GDP = "gdp,haidian,2022,10206.9,亿元,current,level,地区生产总值达到10206.9亿元"
GDP_ROW = ["gdp", "haidian", "2022", 10206.9, "亿元", "current", "level", "地区生产总值达到10206.9亿元",
           "", "", "exact", None]
LIMIT = "(1 to 2147483647)"


def row(indicator: str, region: str, period: str, value: float, unit: str, basis: str, kind: str,
        source: str, label: str = "", relative_to: str = "", qualifier: str = "exact",
        line: Optional[int] = None) -> List[Any]:
    return [indicator, region, period, value, unit, basis, kind, source, label, relative_to,
            qualifier, line]


def lines(*items: str, end: str = "\n") -> bytes:
    return "".join(item + end for item in items).encode("utf-8")


# case -> (file bytes, expectation)
CASES: Dict[str, Tuple[bytes, Dict[str, Any]]] = {}


def good(name: str, data: bytes, rows: List[List[Any]]) -> None:
    CASES[name] = (data, {"rows": rows})


def bad(name: str, data: bytes, message: str) -> None:
    CASES[name] = (data, {"error": message.replace("@", name + ".csv")})


# --- files the reader accepts ---------------------------------------------------------------------
good("minimal", lines(REQUIRED, GDP), [GDP_ROW])
good("bom_crlf", b"\xef\xbb\xbf" + lines(REQUIRED, "gdp,x,2021,+1.5e2,亿元,current,level,s",
                                         end="\r\n"),
     [row("gdp", "x", "2021", 150.0, "亿元", "current", "level", "s")])
good("lone_cr_line_ends", lines(REQUIRED, "gdp,x,2021,1,亿元,current,level,s",
                                "gdp,x,2022,2,亿元,current,level,t", end="\r"),
     [row("gdp", "x", "2021", 1.0, "亿元", "current", "level", "s"),
      row("gdp", "x", "2022", 2.0, "亿元", "current", "level", "t")])
good("quoted_commas_and_newlines",
     lines(ALL, 'gdp,x,2021,1,亿元,current,level,"a, ""quoted"" text",,,,',
           'gdp,x,2022,2,亿元,current,level,"two\r\nlines, CRLF kept","标签, 逗号",,approx,7')
     + lines('gdp,x,2023,3,亿元,current,level,"",,,,'),
     [row("gdp", "x", "2021", 1.0, "亿元", "current", "level", 'a, "quoted" text'),
      row("gdp", "x", "2022", 2.0, "亿元", "current", "level", "two\r\nlines, CRLF kept",
          "标签, 逗号", "", "approx", 7),
      row("gdp", "x", "2023", 3.0, "亿元", "current", "level", "")])
good("blank_and_whitespace_lines",
     lines("", "   ", REQUIRED, "", "\t", " \t ", "gdp,x,2021,1,亿元,current,level,s", '""', '" "',
           "", "  "),
     [row("gdp", "x", "2021", 1.0, "亿元", "current", "level", "s")])
good("chinese_labels_and_extra_columns",
     lines("备注," + ALL + ",来源",
           "海淀区统计公报,gdp,haidian,2022,0.035,fraction,comparable,growth,同比增长3.5%,地区生产总值"
           "增速,2021,,7,第1行"),
     [row("gdp", "haidian", "2022", 0.035, "fraction", "comparable", "growth", "同比增长3.5%",
          "地区生产总值增速", "2021", "exact", 7)])
good("huge_and_tiny_numbers",
     lines(ALL,
           "a,x,2021,1e308,亿元,,level,s,,,,",
           "b,x,2021,-1.7976931348623157e308,亿元,,level,s,,,,",
           "c,x,2021,9223372036854775808,亿元,,level,s,,,,",
           "d,x,2021,18446744073709551616,亿元,,level,s,,,,",
           "e,x,2021,4e-320,亿元,,level,s,,,,",
           "f,x,2021,1e-400,亿元,,level,s,,,,",
           "g,x,2021,-0,亿元,,count,s,,,,",
           "h,x,2021,.5,fraction,,share,s,,,,",
           "i,x,2021,7.,rank,,rank,s,,,,2147483647",
           "j,x,2021,00012,亿元,,level,s,,,,0009"),
     [row("a", "x", "2021", 1e308, "亿元", "", "level", "s"),
      row("b", "x", "2021", -1.7976931348623157e308, "亿元", "", "level", "s"),
      row("c", "x", "2021", 2.0**63, "亿元", "", "level", "s"),
      row("d", "x", "2021", 2.0**64, "亿元", "", "level", "s"),
      row("e", "x", "2021", 4e-320, "亿元", "", "level", "s"),
      row("f", "x", "2021", 0.0, "亿元", "", "level", "s"),
      row("g", "x", "2021", -0.0, "亿元", "", "count", "s"),
      row("h", "x", "2021", 0.5, "fraction", "", "share", "s"),
      row("i", "x", "2021", 7.0, "rank", "", "rank", "s", line=2147483647),
      row("j", "x", "2021", 12.0, "亿元", "", "level", "s", line=9)])
good("periods", lines(REQUIRED, "a,x,2016-2020,1,ha,,level,十三五", "a,x,2023-02,1,ha,,level,s",
                      "a,x,2024-02-29,1,ha,,level,s", "a,x,2023-02-28,1,ha,,level,s"),
     [row("a", "x", "2016-2020", 1.0, "ha", "", "level", "十三五"),
      row("a", "x", "2023-02", 1.0, "ha", "", "level", "s"),
      row("a", "x", "2024-02-29", 1.0, "ha", "", "level", "s"),
      row("a", "x", "2023-02-28", 1.0, "ha", "", "level", "s")])

# --- files the reader rejects, and how ------------------------------------------------------------
bad("empty", b"", "@ is empty (it needs a header line)")
bad("only_blank_lines", b"\n   \r\n\t\n", "@ is empty (it needs a header line)")
bad("header_only", lines(ALL), "@ has a header but no data rows")
bad("header_only_bom", b"\xef\xbb\xbf" + lines(REQUIRED, end="\r\n"), "@ has a header but no data rows")
bad("header_lacks_columns", lines("indicator,region,period,unit,kind", "gdp,x,2021,亿元,level"),
    "@ line 1: the header lacks columns 'value', 'price_basis', 'source'")
bad("header_repeats_a_column", lines(REQUIRED + ",unit", GDP + ",亿元"),
    "@ line 1: column 'unit' appears twice in the header")
bad("gbk_encoded", lines(REQUIRED) + "gdp,x,2021,1,亿元,current,level,s\n".encode("gbk"),
    "@ line 2: is not UTF-8 text (byte 0xD2 at byte 14 of the line; save the file as UTF-8)")
bad("gbk_after_a_quoting_error",
    lines(REQUIRED, 'gdp,x,2021,1,元,current,level,say "hi"', GDP) + "备注\n".encode("gbk"),
    "@ line 4: is not UTF-8 text (byte 0xB1 at byte 1 of the line; save the file as UTF-8)")
bad("utf8_surrogate", lines(REQUIRED) + b"gdp,x,2021,1,\xed\xa0\x80,current,level,s\n",
    "@ line 2: is not UTF-8 text (byte 0xED at byte 14 of the line; save the file as UTF-8)")
bad("utf8_overlong_after_lone_cr", lines(REQUIRED, GDP, end="\r") + b"\xc0\x80\n",
    "@ line 3: is not UTF-8 text (byte 0xC0 at byte 1 of the line; save the file as UTF-8)")
bad("fullwidth_digits_value", lines(REQUIRED, "gdp,x,2022,１０２０６.９,亿元,current,level,s"),
    "@ line 2, column 'value': '１０２０６.９' is not a number")
bad("arabic_indic_digit_value", lines(REQUIRED, "gdp,x,2022,٣,亿元,current,level,s"),
    "@ line 2, column 'value': '٣' is not a number")
bad("fullwidth_period_beside_ascii",
    lines(REQUIRED, "gdp,x,2015,5000,亿元,current,level,s", "gdp,x,２０１５,5000,亿元,current,level,s"),
    "@ line 3, column 'period': '２０１５' is not a period: must be YYYY, YYYY-YYYY, YYYY-MM or "
    "YYYY-MM-DD")
bad("fullwidth_source_line", lines(ALL, "gdp,x,2015,5000,亿元,current,level,s,,,,７"),
    f"@ line 2, column 'source_line': '７' is not a line number {LIMIT}")
bad("source_line_2_63", lines(ALL, "gdp,x,2015,5000,亿元,current,level,s,,,,9223372036854775808"),
    f"@ line 2, column 'source_line': '9223372036854775808' is not a line number {LIMIT}")
bad("source_line_2_31", lines(ALL, "gdp,x,2015,5000,亿元,current,level,s,,,,2147483648"),
    f"@ line 2, column 'source_line': '2147483648' is not a line number {LIMIT}")
bad("source_line_zero", lines(ALL, "gdp,x,2015,5000,亿元,current,level,s,,,,0"),
    f"@ line 2, column 'source_line': '0' is not a line number {LIMIT}")
bad("value_nan", lines(REQUIRED, "gdp,x,2022,nan,亿元,current,level,s"),
    "@ line 2, column 'value': 'nan' is not a number")
bad("value_overflows", lines(REQUIRED, "gdp,x,2022,1e999,亿元,current,level,s"),
    "@ line 2, column 'value': inf is not finite")
bad("value_with_spaces", lines(REQUIRED, "gdp,x,2022, 1,亿元,current,level,s"),
    "@ line 2, column 'value': ' 1' is not a number")
bad("share_shown_like_to_chars", lines(REQUIRED, "gdp,x,2022,1e16,fraction,,share,s"),
    "@ line 2, column 'value': 1e+16 is a share outside [0, 1] (shares are fractions: 0.35 is 35%)")
bad("negative_count_shown_like_to_chars", lines(REQUIRED, "firms,x,2022,-0.0001,家,,count,s"),
    "@ line 2, column 'value': -1e-04 is a negative count")
bad("big_integer_shown_exactly", lines(REQUIRED, "r,x,2022,123456789012345678901,rank,,rank,s",
                                       "r,x,2023,0.5,rank,,rank,s"),
    "@ line 3, column 'value': 0.5 is not a rank (an integer >= 1)")
bad("growth_in_percent", lines(REQUIRED, "gdp,x,2022,3.5,%,comparable,growth,s"),
    "@ line 2, column 'unit': '%' for a growth, but it must be 'fraction'")
bad("whitespace_line_counts", lines(REQUIRED, GDP, "   ", "gdp,x,2022,bad,亿元,current,level,s"),
    "@ line 4, column 'value': 'bad' is not a number")
bad("duplicate_rows", lines(REQUIRED, GDP, "", GDP),
    "@ line 4: repeats indicator 'gdp', region 'haidian', period '2022', kind 'level' of @ line 2")
bad("quote_inside_unquoted_field", lines(REQUIRED, 'gdp,x,2021,1,元,current,level,say "hi"'),
    "@ line 2: a quote inside an unquoted field (quote the whole field and double the quote)")
bad("text_after_closing_quote", lines(REQUIRED, 'gdp,x,2021,1,元,current,level,"a"b'),
    "@ line 2: unexpected text after a closing quote")
bad("unclosed_quote", lines(REQUIRED, GDP, 'gdp,x,2021,1,元,current,level,"open', "more", "lines"),
    "@ line 3: a quoted field is not closed")
# Found by fuzzing the earlier Python reader: its regular expression closed the field at the doubled
# quote.
bad("unclosed_quote_ending_in_a_doubled_quote",
    lines(REQUIRED, 'gdp,x,2021,1,元,current,level,"open, then ""', "gdp,x,2022,1,元,current,level,s"),
    "@ line 2: a quoted field is not closed")
bad("quoting_error_before_a_row_error",
    lines(REQUIRED, "gdp,x,2021,bad,元,current,level,s", 'gdp,x,2022,1,元,current,level,"a"b'),
    "@ line 3: unexpected text after a closing quote")
bad("lines_counted_inside_quotes",
    lines(REQUIRED, 'gdp,x,2021,1,元,current,level,"one\rtwo\r\nthree\nfour"',
          "gdp,x,2022,bad,元,current,level,s"),
    "@ line 6, column 'value': 'bad' is not a number")
bad("too_few_fields", lines(REQUIRED, "gdp,x,2021,1,亿元,current,level"),
    "@ line 2: has 7 fields but the header has 8")
bad("row_error_before_a_field_count_error",
    lines(REQUIRED, "gdp,x,2021,bad,元,current,level,s", "gdp,x,2022"),
    "@ line 2, column 'value': 'bad' is not a number")
bad("text_shown_on_one_line_escaped",
    lines(REQUIRED, "gdp,x,2021,1,元,current,\"le\tvel\r\n'\\\"\"\",s"),
    "@ line 2, column 'kind': 'le\\x09vel\\x0d\\x0a\\'\\\\\"' is not one of level, growth, share, "
    "count, rank")
bad("long_text_cut_at_80_characters",
    lines(REQUIRED, "gdp,x,2021,0.1," + "单位" * 50 + ",,growth,s"),
    "@ line 2, column 'unit': '" + "单位" * 40 + "...' for a growth, but it must be 'fraction'")
bad("uppercase_indicator", lines(REQUIRED, "GDP,x,2021,1,亿元,current,level,s"),
    "@ line 2, column 'indicator': 'GDP' is not a snake_case id ([a-z][a-z0-9_]*)")
bad("february_29_2023", lines(REQUIRED, "gdp,x,2023-02-29,1,亿元,current,level,s"),
    "@ line 2, column 'period': '2023-02-29' is not a period: the day must be 01 to 28")

bad("empty_region", lines(REQUIRED, "gdp,,2021,1,亿元,current,level,s"),
    "@ line 2, column 'region': '' is not a snake_case id ([a-z][a-z0-9_]*)")
bad("span_ends_before_it_starts", lines(REQUIRED, "gdp,x,2020-2016,1,亿元,current,level,s"),
    "@ line 2, column 'period': '2020-2016' is not a period: the span must end after it starts")
bad("unknown_kind", lines(REQUIRED, "gdp,x,2021,1,亿元,current,stock,s"),
    "@ line 2, column 'kind': 'stock' is not one of level, growth, share, count, rank")
bad("empty_unit", lines(REQUIRED, "gdp,x,2021,1,,current,level,s"),
    "@ line 2, column 'unit': is empty")
bad("unknown_price_basis", lines(REQUIRED, "gdp,x,2021,1,亿元,nominal,level,s"),
    "@ line 2, column 'price_basis': 'nominal' is not one of current, comparable or empty")
bad("unknown_qualifier", lines(ALL, "gdp,x,2021,1,亿元,current,level,s,,,roughly,"),
    "@ line 2, column 'qualifier': 'roughly' is not one of exact, approx, at_least, at_most")
bad("share_in_percent", lines(REQUIRED, "gdp,x,2021,35,fraction,,share,s"),
    "@ line 2, column 'value': 35 is a share outside [0, 1] (shares are fractions: 0.35 is 35%)")
bad("growth_of_minus_100_percent", lines(REQUIRED, "gdp,x,2021,-1,fraction,,growth,s"),
    "@ line 2, column 'value': -1 is a growth rate of -100% or less (growth is a fraction: -0.05 "
    "is -5%)")
bad("fractional_rank", lines(REQUIRED, "gdp,x,2021,1.5,rank,,rank,s"),
    "@ line 2, column 'value': 1.5 is not a rank (an integer >= 1)")
bad("negative_count", lines(REQUIRED, "firms,x,2021,-2,家,,count,s"),
    "@ line 2, column 'value': -2 is a negative count")


def expectation_text(expectation: Dict[str, Any]) -> str:
    return json.dumps(expectation, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    for name, (data, expectation) in CASES.items():
        (CORPUS / f"{name}.csv").write_bytes(data)
        (CORPUS / f"{name}.json").write_text(expectation_text(expectation), encoding="utf-8")


if __name__ == "__main__":
    main()
