/// @file
/// Reader of tidy indicator tables (CSV, one row per published figure), such as the bundled
/// Haidian 2022 dataset; the same rules as the Python `haidian.datasets.load_csv`.
///
/// Columns: indicator, region, period, value, unit, price_basis, kind, source (required) and
/// label_zh, relative_to, qualifier, source_line (optional). Conventions (docs/dataset.md):
/// indicator and region are snake_case ids; period is YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD;
/// value is a finite decimal number; growth and share values are fractions with unit "fraction",
/// ranks have unit "rank"; kind is level, growth, share, count or rank; price_basis is current,
/// comparable or empty; qualifier is exact, approx, at_least or at_most; source_line is 1 to
/// INT_MAX; (indicator, region, period, kind) is unique. Digits are ASCII only; the file is UTF-8,
/// checked before anything else; blank and whitespace-only lines are skipped. Both readers are held
/// to the files of tests/fuzz/corpus and fuzzed against each other (docs/fuzzing.md).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>  // invalid_argument, fail

#include <array>         // the fixed lists of allowed words
#include <charconv>      // from_chars: locale-independent number parsing
#include <cmath>         // isfinite, floor
#include <cstddef>       // size_t
#include <fstream>       // read_dataset_file
#include <istream>
#include <iterator>      // istreambuf_iterator
#include <limits>        // the largest source_line
#include <map>           // duplicate detection
#include <optional>
#include <string>
#include <string_view>
#include <system_error>  // errc
#include <tuple>
#include <vector>

HAIDIAN_NAMESPACE_BEGIN

/// One figure of a tidy indicator table.
struct DataRow {
  std::string indicator;    ///< snake_case id of the quantity, e.g. "gdp"
  std::string region;       ///< snake_case id, e.g. "haidian"
  std::string period;       ///< "2022", "2016-2020", "2023-02" or "2023-01-05"
  double value = 0.0;       ///< in `unit`; growth rates and shares as fractions (0.035 is 3.5%)
  std::string unit;         ///< "亿元", "km²", "fraction", "rank", "enterprises", ...
  std::string price_basis;  ///< "current", "comparable" or empty
  std::string kind;         ///< "level", "growth", "share", "count" or "rank"
  std::string source;       ///< the fragment of the source text the number comes from
  std::string label_zh;     ///< Chinese label (may be empty)
  std::string relative_to;  ///< base period of a growth, whole of a share, field of a rank
  std::string qualifier = "exact";  ///< "exact", "approx", "at_least" or "at_most"
  int source_line = 0;      ///< line of the source text; 0 when not given
};

namespace detail {

/// One CSV record: the line it starts on and its fields.
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

/// Length of the well-formed UTF-8 sequence at `text[i]` (RFC 3629: no overlong forms, surrogates or
/// code points above U+10FFFF), or 0 if it is not one.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

/// Throws unless the whole of `text` is UTF-8, naming the line (ended by \r\n, \n or a lone \r)
/// and the byte of the line where the first malformed sequence starts.
inline void check_utf8(std::string_view text, const std::string& name, std::string_view function) {
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? std::size_t{2} : std::size_t{1};
      ++line;
      line_start = i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      static constexpr char hex[] = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(c);
      fail(function, name + " line " + std::to_string(line) + ": is not UTF-8 text (byte 0x" +
                         hex[byte >> 4] + hex[byte & 0xF] + " at byte " +
                         std::to_string(i - line_start + 1) +
                         " of the line; save the file as UTF-8)");
    }
    i += length;
  }
}

/// `text` (UTF-8) in single quotes on one line, as error messages show user text: backslash and
/// quote escaped, control characters (C0, DEL, C1, U+2028/9) as \xNN or \uNNNN, and only the first
/// 80 characters, then "...". The Python reader shows text the same way.
inline std::string quoted(std::string_view text) {
  constexpr std::size_t limit = 80;
  std::string out = "'";
  std::size_t characters = 0, i = 0;
  while (i < text.size()) {
    if (characters == limit) {
      out += "...";
      break;
    }
    std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) length = 1;  // not reached for checked input; shown byte by byte
    const auto lead = static_cast<unsigned char>(text[i]);
    unsigned code = lead;
    if (length == 2) code = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
    if (length == 3) {
      code = ((lead & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    }
    static constexpr char hex[] = "0123456789abcdef";
    if (code == '\\' || code == '\'') {
      out += '\\';
      out += static_cast<char>(code);
    } else if (code < 0x20 || (code >= 0x7F && code <= 0x9F)) {
      out += "\\x";
      out += hex[code >> 4];
      out += hex[code & 0xF];
    } else if (code == 0x2028 || code == 0x2029) {
      out += code == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
    ++characters;
  }
  return out + "'";
}

/// A record that is one field of only spaces and tabs (or nothing): a blank line, skipped.
inline bool is_blank(const CsvRecord& record) {
  return record.fields.size() == 1 &&
         record.fields[0].find_first_not_of(" \t") == std::string::npos;
}

/// RFC 4180 records of `text` (blank and whitespace-only lines skipped, a UTF-8 byte-order mark
/// ignored; lines end in \r\n, \n or a lone \r, inside quoted fields too). Stricter than most
/// readers on purpose, so C++ and Python accept the same files: a quote inside an unquoted field,
/// text after a closing quote and an unclosed quote are errors.
inline std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& name,
                                        std::string_view function) {
  check_utf8(text, name, function);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  std::size_t i = 0, line = 1;
  const std::size_t n = text.size();
  while (i < n) {
    CsvRecord record;
    record.line = line;
    while (true) {
      std::string field;
      if (i < n && text[i] == '"') {
        ++i;
        while (true) {
          if (i >= n) {
            fail(function, name + " line " + std::to_string(record.line) +
                               ": a quoted field is not closed");
          }
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n' || (c == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line;
          field += c;
          ++i;
        }
        if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
          fail(function, name + " line " + std::to_string(line) +
                             ": unexpected text after a closing quote");
        }
      } else {
        std::size_t j = i;
        while (j < n && text[j] != ',' && text[j] != '\r' && text[j] != '\n' && text[j] != '"') ++j;
        if (j < n && text[j] == '"') {
          fail(function, name + " line " + std::to_string(line) +
                             ": a quote inside an unquoted field (quote the whole field and double "
                             "the quote)");
        }
        field.assign(text.substr(i, j - i));
        i = j;
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      // End of record: \n, \r\n, a lone \r, or the end of the text.
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line;
      break;
    }
    if (!is_blank(record)) records.push_back(std::move(record));
  }
  return records;
}

inline bool is_identifier(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (const char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

inline bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// Why `s` is not a period ("" when it is one): YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD.
inline std::string period_problem(std::string_view s) {
  const std::string grammar = "must be YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD";
  const bool shape_ok = (s.size() == 4 && all_digits(s)) ||
                        ((s.size() == 7 || s.size() == 9) && all_digits(s.substr(0, 4)) && s[4] == '-' &&
                         all_digits(s.substr(5))) ||
                        (s.size() == 10 && all_digits(s.substr(0, 4)) && s[4] == '-' &&
                         all_digits(s.substr(5, 2)) && s[7] == '-' && all_digits(s.substr(8)));
  if (!shape_ok) return grammar;
  const int year = std::stoi(std::string(s.substr(0, 4)));
  if (s.size() == 9) {
    if (std::stoi(std::string(s.substr(5))) <= year) return "the span must end after it starts";
    return "";
  }
  if (s.size() >= 7) {
    const int month = std::stoi(std::string(s.substr(5, 2)));
    if (month < 1 || month > 12) return "the month must be 01 to 12";
    if (s.size() == 10) {
      const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      const std::array<int, 12> lengths{31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const int days = lengths[static_cast<std::size_t>(month - 1)];
      const int day = std::stoi(std::string(s.substr(8, 2)));
      if (day < 1 || day > days) {
        return "the day must be 01 to " + std::string(days < 10 ? "0" : "") + std::to_string(days);
      }
    }
  }
  return "";
}

/// A plain decimal number ([+-]digits[.digits][e[+-]digits]), no "nan"/"inf"/spaces; nullopt if not.
/// Out-of-range magnitudes come back as infinity so the caller reports them as not finite.
inline std::optional<double> parse_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t mantissa_start = i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!(i < s.size() && s[i] >= '0' && s[i] <= '9')) return std::nullopt;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (i != s.size()) return std::nullopt;
  double value = 0.0;
  const char* first = s.data() + mantissa_start;  // from_chars takes no leading '+'
  const auto result = std::from_chars(first, s.data() + s.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    // Overflow reads as infinity (reported as not finite); underflow as zero, as strtod does.
    std::size_t e = s.find_first_of("eE");
    const bool tiny = e != std::string_view::npos && s.find('-', e) != std::string_view::npos;
    value = tiny ? 0.0 : HUGE_VAL;
  } else if (result.ec != std::errc{}) {
    return std::nullopt;
  }
  return (mantissa_start == 1 && s[0] == '-') ? -value : value;
}

template <std::size_t N>
bool one_of(const std::string& s, const std::array<const char*, N>& words) {
  for (const char* w : words) {
    if (s == w) return true;
  }
  return false;
}

}  // namespace detail

/// Reads and checks a tidy indicator table from CSV text.
/// @param in    UTF-8 CSV text with a header line.
/// @param name  what error messages call the input (a file name).
/// @return the rows in file order.
/// @throws invalid_argument naming the input, the line and the column of the first problem, e.g.
///   "read_dataset: my.csv line 7, column 'value': 'abc' is not a number"; also for text that is
///   not UTF-8, malformed quoting, a missing or repeated header column, a row with the wrong number
///   of fields, a repeated (indicator, region, period, kind), and an input without data rows. The
///   message is one line: the file's text is quoted with control characters escaped (quoted()).
inline std::vector<DataRow> read_dataset(std::istream& in, const std::string& name = "<input>") {
  constexpr std::string_view function = "read_dataset";
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto records = detail::parse_csv(text, name, function);
  if (records.empty()) fail(function, name + " is empty (it needs a header line)");

  static constexpr std::array<const char*, 12> columns{
      "indicator", "region", "period", "value", "unit", "price_basis", "kind", "source",
      "label_zh", "relative_to", "qualifier", "source_line"};
  constexpr std::size_t required = 8;
  const auto& header = records.front().fields;
  const std::string header_where = name + " line " + std::to_string(records.front().line);
  for (std::size_t i = 0; i < header.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (header[i] == header[j]) {
        fail(function, header_where + ": column " + detail::quoted(header[i]) +
                           " appears twice in the header");
      }
    }
  }
  std::array<std::optional<std::size_t>, 12> position{};
  std::string missing;
  std::size_t missing_count = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == columns[c]) position[c] = i;
    }
    if (c < required && !position[c]) {
      missing += (missing.empty() ? "" : ", ") + detail::quoted(columns[c]);
      ++missing_count;
    }
  }
  if (missing_count > 0) {
    fail(function, header_where + ": the header lacks column" + (missing_count > 1 ? "s " : " ") +
                       missing);
  }

  std::vector<DataRow> rows;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::string> seen;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& fields = records[r].fields;
    const std::string where = name + " line " + std::to_string(records[r].line);
    if (fields.size() != header.size()) {
      fail(function, where + ": has " + std::to_string(fields.size()) +
                         " fields but the header has " + std::to_string(header.size()));
    }
    auto field = [&](std::size_t c) -> std::string {
      return position[c] ? fields[*position[c]] : std::string();
    };
    auto bad = [&](const char* column, const std::string& problem) {
      fail(function, where + ", column '" + column + "': " + problem);
    };
    DataRow row;
    row.indicator = field(0);
    if (!detail::is_identifier(row.indicator)) {
      bad("indicator", detail::quoted(row.indicator) + " is not a snake_case id ([a-z][a-z0-9_]*)");
    }
    row.region = field(1);
    if (!detail::is_identifier(row.region)) {
      bad("region", detail::quoted(row.region) + " is not a snake_case id ([a-z][a-z0-9_]*)");
    }
    row.period = field(2);
    if (const auto problem = detail::period_problem(row.period); !problem.empty()) {
      bad("period", detail::quoted(row.period) + " is not a period: " + problem);
    }
    row.kind = field(6);
    static constexpr std::array<const char*, 5> kinds{"level", "growth", "share", "count", "rank"};
    if (!detail::one_of(row.kind, kinds)) {
      bad("kind", detail::quoted(row.kind) + " is not one of level, growth, share, count, rank");
    }
    const std::string value_text = field(3);
    const auto value = detail::parse_number(value_text);
    if (!value) bad("value", detail::quoted(value_text) + " is not a number");
    row.value = *value;
    const std::string shown = detail::format_value(row.value);
    if (!std::isfinite(row.value)) bad("value", shown + " is not finite");
    if (row.kind == "growth" && !(row.value > -1.0)) {
      bad("value", shown + " is a growth rate of -100% or less (growth is a fraction: -0.05 is -5%)");
    }
    if (row.kind == "share" && !(row.value >= 0.0 && row.value <= 1.0)) {
      bad("value", shown + " is a share outside [0, 1] (shares are fractions: 0.35 is 35%)");
    }
    if (row.kind == "count" && row.value < 0.0) bad("value", shown + " is a negative count");
    if (row.kind == "rank" && (row.value < 1.0 || row.value != std::floor(row.value))) {
      bad("value", shown + " is not a rank (an integer >= 1)");
    }
    row.unit = field(4);
    if (row.unit.empty()) bad("unit", "is empty");
    const char* wanted_unit = row.kind == "growth" || row.kind == "share" ? "fraction"
                              : row.kind == "rank"                        ? "rank"
                                                                          : nullptr;
    if (wanted_unit && row.unit != wanted_unit) {
      bad("unit", detail::quoted(row.unit) + " for a " + row.kind + ", but it must be '" + wanted_unit + "'");
    }
    row.price_basis = field(5);
    static constexpr std::array<const char*, 3> bases{"", "current", "comparable"};
    if (!detail::one_of(row.price_basis, bases)) {
      bad("price_basis", detail::quoted(row.price_basis) + " is not one of current, comparable or empty");
    }
    row.source = field(7);
    row.label_zh = field(8);
    row.relative_to = field(9);
    row.qualifier = field(10).empty() ? "exact" : field(10);
    static constexpr std::array<const char*, 4> qualifiers{"exact", "approx", "at_least", "at_most"};
    if (!detail::one_of(row.qualifier, qualifiers)) {
      bad("qualifier", detail::quoted(row.qualifier) + " is not one of exact, approx, at_least, at_most");
    }
    if (const std::string line_text = field(11); !line_text.empty()) {
      int line = 0;
      const auto result = std::from_chars(line_text.data(), line_text.data() + line_text.size(), line);
      if (!detail::all_digits(line_text) || result.ec != std::errc{} || line < 1) {
        bad("source_line", detail::quoted(line_text) + " is not a line number (1 to " +
                                std::to_string(std::numeric_limits<int>::max()) + ")");
      }
      row.source_line = line;
    }
    auto key = std::make_tuple(row.indicator, row.region, row.period, row.kind);
    if (const auto found = seen.find(key); found != seen.end()) {
      fail(function, where + ": repeats indicator " + detail::quoted(row.indicator) + ", region " +
                         detail::quoted(row.region) + ", period " + detail::quoted(row.period) +
                         ", kind " + detail::quoted(row.kind) + " of " + found->second);
    }
    seen.emplace(std::move(key), where);
    rows.push_back(std::move(row));
  }
  if (rows.empty()) fail(function, name + " has a header but no data rows");
  return rows;
}

/// Reads and checks a tidy indicator table from a CSV file (see read_dataset(std::istream&)).
/// @param path  the file; error messages name it.
/// @throws invalid_argument if the file cannot be opened, or as read_dataset(std::istream&).
inline std::vector<DataRow> read_dataset_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("read_dataset_file", "path is '" + path + "', but the file cannot be opened");
  const auto slash = path.find_last_of("/\\");
  return read_dataset(in, slash == std::string::npos ? path : path.substr(slash + 1));
}

HAIDIAN_NAMESPACE_END
