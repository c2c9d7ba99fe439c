/// @file
/// The one reader of tidy indicator tables (CSV, one row per published figure), such as the bundled
/// Haidian 2022 dataset; Python's `haidian.datasets.load_csv` and `check_table` are bindings of it.
///
/// Columns: indicator, region, period, value, unit, price_basis, kind, source (required) and
/// label_zh, relative_to, qualifier, source_line (optional). Conventions (docs/dataset.md):
/// indicator and region are snake_case ids; period is YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD;
/// value is a finite decimal number; growth and share values are fractions with unit "fraction",
/// ranks have unit "rank"; kind is level, growth, share, count or rank; price_basis is current,
/// comparable or empty; qualifier is exact, approx, at_least or at_most; source_line is 1 to
/// INT_MAX; (indicator, region, period, kind) is unique. Digits are ASCII only; the file is UTF-8,
/// checked before anything else; blank and whitespace-only lines are skipped. The reader is held to
/// the files of tests/fuzz/corpus and fuzzed (docs/fuzzing.md).
///
/// The rules live once: a streaming tokenizer (CsvTokenizer) hands each record to one row checker
/// (detail::check_row), which a DatasetBuilder uses for every row of a file or of a table already in
/// memory (check_dataset_table). The result is columnar (DatasetColumns: each text column interned
/// as distinct values and an int32 code per row), so a large table costs a few bytes a row;
/// read_dataset() turns it into DataRow structs for C++ callers.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>  // invalid_argument, fail, format_value

#include <algorithm>     // max
#include <array>         // the fixed lists of allowed words
#include <charconv>      // from_chars: locale-independent number parsing
#include <cmath>         // isfinite, floor
#include <cstddef>       // size_t
#include <cstdint>       // int32_t codes
#include <fstream>       // read_dataset_file
#include <functional>    // hash, function
#include <istream>
#include <iterator>      // istreambuf_iterator
#include <limits>        // the largest source_line
#include <optional>
#include <string>
#include <string_view>
#include <system_error>  // errc
#include <utility>       // move
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

/// The columns of a tidy indicator table, in file order; the first eight are required.
inline constexpr std::array<const char*, 12> dataset_column_names{
    "indicator", "region", "period", "value", "unit", "price_basis", "kind", "source",
    "label_zh", "relative_to", "qualifier", "source_line"};
/// Positions in dataset_column_names.
enum dataset_column : std::size_t {
  col_indicator, col_region, col_period, col_value, col_unit, col_price_basis, col_kind, col_source,
  col_label_zh, col_relative_to, col_qualifier, col_source_line, dataset_column_count
};

/// The first problem of a table: where (file and line, or the caller's name for a row), the column
/// ("" for the row or file as a whole) and the message after the function name.
struct DatasetProblem {
  std::string where;   ///< "my.csv line 7", or the caller's name for a row
  std::string column;  ///< the column's name, or "" for the row or file as a whole
  std::string text;    ///< the message after the function name
};

/// Called with the first problem instead of throwing invalid_argument (it should throw its own
/// exception; if it returns, invalid_argument is thrown after all).
using DatasetReporter = std::function<void(const DatasetProblem&)>;

/// A text column interned: each distinct value once (in order of first appearance, in one byte
/// buffer) and an int32 code per row.
class InternedColumn {
 public:
  /// Appends a row holding `value`; returns its code.
  std::int32_t add(std::string_view value) {
    if (2 * (ends_.size() + 1) > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = std::hash<std::string_view>{}(value) & mask;; s = (s + 1) & mask) {
      if (slots_[s] < 0) {
        if (ends_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
          fail("InternedColumn::add", "a column has more than 2^31 - 1 distinct values");
        }
        slots_[s] = static_cast<std::int32_t>(ends_.size());
        bytes_.append(value);
        ends_.push_back(bytes_.size());
        codes_.push_back(slots_[s]);
        return slots_[s];
      }
      if (distinct_value(static_cast<std::size_t>(slots_[s])) == value) {
        codes_.push_back(slots_[s]);
        return slots_[s];
      }
    }
  }
  /// Number of rows added.
  std::size_t rows() const { return codes_.size(); }
  /// Number of distinct values.
  std::size_t distinct_count() const { return ends_.size(); }
  /// The distinct value of code `code`.
  std::string_view distinct_value(std::size_t code) const {
    const std::size_t begin = code == 0 ? 0 : ends_[code - 1];
    return std::string_view(bytes_).substr(begin, ends_[code] - begin);
  }
  /// The value of row `row`.
  std::string_view operator[](std::size_t row) const {
    return distinct_value(static_cast<std::size_t>(codes_[row]));
  }
  /// Per row, the code of its value (an index into the distinct values).
  const std::vector<std::int32_t>& codes() const { return codes_; }
  /// The distinct values back to back; value k ends at ends()[k].
  const std::string& bytes() const { return bytes_; }
  /// End offset in bytes() of each distinct value.
  const std::vector<std::size_t>& ends() const { return ends_; }
  /// Frees the lookup table (no more add()); the values and codes stay.
  void finish() {
    std::vector<std::int32_t>().swap(slots_);
    bytes_.shrink_to_fit();
    ends_.shrink_to_fit();
    codes_.shrink_to_fit();
  }
  /// Hands the codes over (the column is left without rows).
  std::vector<std::int32_t> take_codes() { return std::move(codes_); }

 private:
  void grow() {
    std::vector<std::int32_t> slots(std::max<std::size_t>(16, 2 * slots_.size()), -1);
    const std::size_t mask = slots.size() - 1;
    for (std::size_t k = 0; k < ends_.size(); ++k) {
      std::size_t s = std::hash<std::string_view>{}(distinct_value(k)) & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = static_cast<std::int32_t>(k);
    }
    slots_.swap(slots);
  }

  std::string bytes_;
  std::vector<std::size_t> ends_;
  std::vector<std::int32_t> codes_;
  std::vector<std::int32_t> slots_;  // open addressing: a code, or -1 for a free slot
};

/// A checked tidy table by columns. text[c] holds column c of dataset_column_names for every text
/// column (qualifier with its default "exact" filled in); text[col_value] and text[col_source_line]
/// stay empty: those are `value` and `source_line` (0 when not given).
struct DatasetColumns {
  std::array<InternedColumn, dataset_column_count> text;  ///< the text columns, interned
  std::vector<double> value;                              ///< `value`, per row
  std::vector<std::int32_t> source_line;                  ///< `source_line` per row, 0 when not given
  /// Number of rows.
  std::size_t rows() const { return value.size(); }
};

namespace detail {

/// Raises problems: through the caller's reporter if there is one, else as invalid_argument
/// "function: text".
struct Problems {
  std::string_view function;
  const DatasetReporter* reporter = nullptr;
  [[noreturn]] void raise(const DatasetProblem& problem) const {
    if (reporter != nullptr && *reporter) (*reporter)(problem);
    fail(function, problem.text);
  }
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

/// Raises a problem unless the whole of `text` is UTF-8, naming the line (ended by \r\n, \n or a lone \r)
/// and the byte of the line where the first malformed sequence starts.
inline void check_utf8(std::string_view text, const std::string& name, const Problems& problems) {
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
      const std::string where = name + " line " + std::to_string(line);
      problems.raise({where, "", where + ": is not UTF-8 text (byte 0x" + hex[byte >> 4] +
                                     hex[byte & 0xF] + " at byte " +
                                     std::to_string(i - line_start + 1) +
                                     " of the line; save the file as UTF-8)"});
    }
    i += length;
  }
}

/// `text` (UTF-8) in single quotes on one line, as error messages show user text: backslash and
/// quote escaped, control characters (C0, DEL, C1, U+2028/9) as \xNN or \uNNNN, and only the first
/// 80 characters, then "...". 
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

/// The number a few ASCII digits write (checked by the caller).
inline int digits_value(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

/// Why `s` is not a period ("" when it is one): YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD.
inline std::string period_problem(std::string_view s) {
  const char* grammar = "must be YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD";
  const bool shape_ok = (s.size() == 4 && all_digits(s)) ||
                        ((s.size() == 7 || s.size() == 9) && all_digits(s.substr(0, 4)) && s[4] == '-' &&
                         all_digits(s.substr(5))) ||
                        (s.size() == 10 && all_digits(s.substr(0, 4)) && s[4] == '-' &&
                         all_digits(s.substr(5, 2)) && s[7] == '-' && all_digits(s.substr(8)));
  if (!shape_ok) return grammar;
  const int year = digits_value(s.substr(0, 4));
  if (s.size() == 9) {
    if (digits_value(s.substr(5)) <= year) return "the span must end after it starts";
    return "";
  }
  if (s.size() >= 7) {
    const int month = digits_value(s.substr(5, 2));
    if (month < 1 || month > 12) return "the month must be 01 to 12";
    if (s.size() == 10) {
      const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      const std::array<int, 12> lengths{31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const int days = lengths[static_cast<std::size_t>(month - 1)];
      const int day = digits_value(s.substr(8, 2));
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
bool one_of(std::string_view s, const std::array<const char*, N>& words) {
  for (const char* w : words) {
    if (s == w) return true;
  }
  return false;
}


/// The records of CSV text one at a time (RFC 4180; blank and whitespace-only lines skipped, a
/// UTF-8 byte-order mark ignored; lines end in \r\n, \n or a lone \r, inside quoted fields too),
/// without holding more than the current record. The whole text is checked to be UTF-8 first, so
/// an encoding error is reported wherever it is. Stricter than most readers on purpose: a quote
/// inside an unquoted field, text after a closing quote and an unclosed quote are errors.
class CsvTokenizer {
 public:
  CsvTokenizer(std::string_view text, const std::string& name, const Problems& problems)
      : text_(text), name_(name), problems_(problems) {
    check_utf8(text_, name_, problems_);
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  }

  /// The next record that is not blank into `fields` (its storage reused); false at the end.
  bool next(std::vector<std::string>& fields) {
    while (i_ < text_.size()) {
      read_record(fields);
      if (!is_blank(fields)) return true;
    }
    return false;
  }
  /// Reads the remaining records, raising the first quoting error among them.
  void finish() {
    std::vector<std::string> fields;
    while (next(fields)) {
    }
  }
  /// The line the record last returned by next() starts on.
  std::size_t line() const { return record_line_; }

 private:
  static bool is_blank(const std::vector<std::string>& fields) {
    return fields.size() == 1 && fields[0].find_first_not_of(" \t") == std::string::npos;
  }
  [[noreturn]] void raise(std::size_t line, const std::string& problem) const {
    const std::string where = name_ + " line " + std::to_string(line);
    problems_.raise({where, "", where + ": " + problem});
  }

  void read_record(std::vector<std::string>& fields) {
    const std::string_view text = text_;
    const std::size_t n = text.size();
    std::size_t i = i_, count = 0;
    record_line_ = line_;
    while (true) {
      if (count == fields.size()) fields.emplace_back();
      std::string& field = fields[count++];
      field.clear();
      if (i < n && text[i] == '"') {
        ++i;
        while (true) {
          if (i >= n) raise(record_line_, "a quoted field is not closed");
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
          if (c == '\n' || (c == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line_;
          field += c;
          ++i;
        }
        if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
          raise(line_, "unexpected text after a closing quote");
        }
      } else {
        std::size_t j = i;
        while (j < n && text[j] != ',' && text[j] != '\r' && text[j] != '\n' && text[j] != '"') ++j;
        if (j < n && text[j] == '"') {
          raise(line_, "a quote inside an unquoted field (quote the whole field and double the "
                       "quote)");
        }
        field.assign(text.substr(i, j - i));
        i = j;
      }
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      // End of record: \n, \r\n, a lone \r, or the end of the text.
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line_;
      break;
    }
    fields.resize(count);
    i_ = i;
  }

  std::string_view text_;
  const std::string& name_;
  const Problems& problems_;
  std::size_t i_ = 0, line_ = 1, record_line_ = 0;
};

/// The cells of one row as the row checker sees them, by column of dataset_column_names: the text
/// of each (value and source_line included), or, for a table in memory, a value that is already a
/// number, and problems the caller found in a cell (a cell that is not text, "[1] is not text").
struct RowCells {
  std::array<std::string_view, dataset_column_count> text{};
  std::optional<double> number;
  std::array<std::string_view, dataset_column_count> problem{};
};

/// What the row checker makes of a row besides its text.
struct CheckedRow {
  double value = 0.0;
  int source_line = 0;
  std::string_view qualifier;  ///< with the default filled in
};

/// The row rules, checked in column order; the first broken one is raised, naming `where()` (a
/// callable, so that the text is only made for a row with a problem).
template <class Where>
CheckedRow check_row(const RowCells& row, const Where& where, const Problems& problems) {
  auto bad = [&](dataset_column column, const std::string& problem) {
    const std::string name = dataset_column_names[column], here = where();
    problems.raise({here, name, here + ", column '" + name + "': " + problem});
  };
  auto text = [&](dataset_column column) {
    if (!row.problem[column].empty()) bad(column, std::string(row.problem[column]));
    return row.text[column];
  };
  for (const dataset_column column : {col_indicator, col_region}) {
    if (!is_identifier(text(column))) {
      bad(column, quoted(row.text[column]) + " is not a snake_case id ([a-z][a-z0-9_]*)");
    }
  }
  if (const auto problem = period_problem(text(col_period)); !problem.empty()) {
    bad(col_period, quoted(row.text[col_period]) + " is not a period: " + problem);
  }
  const std::string_view kind = text(col_kind);
  static constexpr std::array<const char*, 5> kinds{"level", "growth", "share", "count", "rank"};
  if (!one_of(kind, kinds)) {
    bad(col_kind, quoted(kind) + " is not one of level, growth, share, count, rank");
  }
  CheckedRow checked;
  if (row.number) {
    checked.value = *row.number;
  } else {
    const auto value = parse_number(text(col_value));
    if (!value) bad(col_value, quoted(row.text[col_value]) + " is not a number");
    checked.value = *value;
  }
  const double value = checked.value;
  auto bad_value = [&](const char* problem) { bad(col_value, format_value(value) + problem); };
  if (!std::isfinite(value)) bad_value(" is not finite");
  if (kind == "growth" && !(value > -1.0)) {
    bad_value(" is a growth rate of -100% or less (growth is a fraction: -0.05 is -5%)");
  }
  if (kind == "share" && !(value >= 0.0 && value <= 1.0)) {
    bad_value(" is a share outside [0, 1] (shares are fractions: 0.35 is 35%)");
  }
  if (kind == "count" && value < 0.0) bad_value(" is a negative count");
  if (kind == "rank" && (value < 1.0 || value != std::floor(value))) {
    bad_value(" is not a rank (an integer >= 1)");
  }
  const std::string_view unit = text(col_unit);
  if (unit.empty()) bad(col_unit, "is empty");
  const char* wanted_unit = kind == "growth" || kind == "share" ? "fraction"
                            : kind == "rank"                    ? "rank"
                                                                : nullptr;
  if (wanted_unit && unit != wanted_unit) {
    bad(col_unit, quoted(unit) + " for a " + std::string(kind) + ", but it must be '" + wanted_unit + "'");
  }
  static constexpr std::array<const char*, 3> bases{"", "current", "comparable"};
  if (!one_of(text(col_price_basis), bases)) {
    bad(col_price_basis, quoted(row.text[col_price_basis]) + " is not one of current, comparable or empty");
  }
  for (const dataset_column column : {col_source, col_label_zh, col_relative_to}) text(column);
  checked.qualifier = text(col_qualifier).empty() ? std::string_view("exact") : row.text[col_qualifier];
  static constexpr std::array<const char*, 4> qualifiers{"exact", "approx", "at_least", "at_most"};
  if (!one_of(checked.qualifier, qualifiers)) {
    bad(col_qualifier, quoted(checked.qualifier) + " is not one of exact, approx, at_least, at_most");
  }
  if (const std::string_view line = text(col_source_line); !line.empty()) {
    int number = 0;
    const auto result = std::from_chars(line.data(), line.data() + line.size(), number);
    if (!all_digits(line) || result.ec != std::errc{} || number < 1) {
      bad(col_source_line, quoted(line) + " is not a line number (1 to " +
                               std::to_string(std::numeric_limits<int>::max()) + ")");
    }
    checked.source_line = number;
  }
  return checked;
}

/// Rows checked one at a time into DatasetColumns, with the (indicator, region, period, kind)
/// repeat found on the interned codes: a hash set of row numbers, compared by their four codes.
class DatasetBuilder {
 public:
  explicit DatasetBuilder(const Problems& problems) : problems_(problems) {}

  /// Checks a row and adds it. `where(r)` names row r in messages (this row and an earlier one it
  /// repeats).
  template <class Where>
  void add(const RowCells& cells, const Where& where) {
    const std::size_t row = columns_.rows();
    const CheckedRow checked = check_row(cells, [&] { return where(row); }, problems_);
    for (std::size_t c = 0; c < dataset_column_count; ++c) {
      if (c == col_value || c == col_source_line) continue;
      columns_.text[c].add(c == col_qualifier ? checked.qualifier : cells.text[c]);
    }
    columns_.value.push_back(checked.value);
    columns_.source_line.push_back(checked.source_line);
    if (2 * (row + 1) > keys_.size()) grow();
    const std::size_t mask = keys_.size() - 1;
    for (std::size_t s = key_hash(row) & mask;; s = (s + 1) & mask) {
      if (keys_[s] < 0) {
        keys_[s] = static_cast<std::int64_t>(row);
        return;
      }
      const auto first = static_cast<std::size_t>(keys_[s]);
      if (same_key(first, row)) {
        const auto& t = columns_.text;
        const std::string here = where(row);
        problems_.raise({here, "", here + ": repeats indicator " + quoted(t[col_indicator][row]) +
                                       ", region " + quoted(t[col_region][row]) + ", period " +
                                       quoted(t[col_period][row]) + ", kind " +
                                       quoted(t[col_kind][row]) + " of " + where(first)});
      }
    }
  }

  /// The columns, lookup tables freed.
  DatasetColumns finish() {
    std::vector<std::int64_t>().swap(keys_);
    for (auto& column : columns_.text) column.finish();
    return std::move(columns_);
  }

 private:
  static constexpr std::array<dataset_column, 4> key_columns{col_indicator, col_region, col_period,
                                                             col_kind};
  std::size_t key_hash(std::size_t row) const {
    std::uint64_t h = 0;  // the four codes mixed by multiplication (golden-ratio constant)
    for (const auto c : key_columns) {
      const auto code = static_cast<std::uint32_t>(columns_.text[c].codes()[row]);
      h = (h ^ code) * std::uint64_t{0x9E3779B97F4A7C15};
    }
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  bool same_key(std::size_t a, std::size_t b) const {
    for (const auto c : key_columns) {
      if (columns_.text[c].codes()[a] != columns_.text[c].codes()[b]) return false;
    }
    return true;
  }
  void grow() {
    std::vector<std::int64_t> keys(std::max<std::size_t>(16, 2 * keys_.size()), -1);
    const std::size_t mask = keys.size() - 1;
    for (const std::int64_t row : keys_) {
      if (row < 0) continue;
      std::size_t s = key_hash(static_cast<std::size_t>(row)) & mask;
      while (keys[s] >= 0) s = (s + 1) & mask;
      keys[s] = row;
    }
    keys_.swap(keys);
  }

  const Problems& problems_;
  DatasetColumns columns_;
  std::vector<std::int64_t> keys_;  // open addressing: a row, or -1 for a free slot
};

}  // namespace detail

/// Reads and checks a tidy indicator table from CSV text, by columns (the lean form for large
/// tables: a few bytes a row besides the distinct texts).
/// @param text      UTF-8 CSV text with a header line.
/// @param name      what error messages call the input (a file name).
/// @param function  the name messages start with.
/// @param reporter  if set, called with the first problem instead of throwing (see DatasetReporter).
/// @throws invalid_argument "function: name line 7, column 'value': 'abc' is not a number", as
///   read_dataset(std::istream&).
inline DatasetColumns read_dataset_columns(std::string_view text, const std::string& name,
                                           std::string_view function = "read_dataset_columns",
                                           const DatasetReporter& reporter = {}) {
  const detail::Problems problems{function, &reporter};
  detail::CsvTokenizer records(text, name, problems);
  std::vector<std::string> header, fields;
  if (!records.next(header)) problems.raise({name, "", name + " is empty (it needs a header line)"});
  // A quoting error anywhere comes before a header or row problem: the rest of the text is
  // tokenized before one of those is raised.
  const DatasetReporter after_quoting = [&](const DatasetProblem& problem) {
    records.finish();
    problems.raise(problem);
  };
  const detail::Problems later{function, &after_quoting};
  const std::string header_where = name + " line " + std::to_string(records.line());
  for (std::size_t i = 0; i < header.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (header[i] == header[j]) {
        later.raise({header_where, header[i], header_where + ": column " + detail::quoted(header[i]) +
                                                      " appears twice in the header"});
      }
    }
  }
  constexpr std::size_t required = 8;
  std::array<std::optional<std::size_t>, dataset_column_count> position{};
  std::string missing, first_missing;
  std::size_t missing_count = 0;
  for (std::size_t c = 0; c < dataset_column_count; ++c) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == dataset_column_names[c]) position[c] = i;
    }
    if (c < required && !position[c]) {
      if (missing_count++ == 0) first_missing = dataset_column_names[c];
      missing += (missing.empty() ? "" : ", ") + detail::quoted(dataset_column_names[c]);
    }
  }
  if (missing_count > 0) {
    later.raise({header_where, first_missing, header_where + ": the header lacks column" +
                                                      (missing_count > 1 ? "s " : " ") + missing});
  }

  detail::DatasetBuilder builder(later);
  std::vector<std::size_t> lines;  // the line of each row, for the repeat message
  const auto where = [&](std::size_t row) { return name + " line " + std::to_string(lines[row]); };
  while (records.next(fields)) {
    lines.push_back(records.line());
    if (fields.size() != header.size()) {
      const std::string here = where(lines.size() - 1);
      later.raise({here, "", here + ": has " + std::to_string(fields.size()) +
                                    " fields but the header has " + std::to_string(header.size())});
    }
    detail::RowCells cells;
    for (std::size_t c = 0; c < dataset_column_count; ++c) {
      if (position[c]) cells.text[c] = fields[*position[c]];
    }
    builder.add(cells, where);
  }
  if (lines.empty()) later.raise({name, "", name + " has a header but no data rows"});
  return builder.finish();
}

/// A table already in memory, column by column, for check_dataset_table: each column as codes into
/// its distinct cells. A column without codes is absent (every cell empty).
struct TableColumn {
  std::vector<std::int32_t> codes;  ///< per row, an index into `cells`
  std::vector<std::string> cells;  ///< the distinct cells as text
  /// Empty, or per distinct cell why it cannot be a cell of this column ("" if it can), e.g.
  /// "[1] is not text": reported when the row checker reaches that column.
  std::vector<std::string> problems;
  /// The value column: empty, or per distinct cell the number it holds when it is a number rather
  /// than text.
  std::vector<std::optional<double>> numbers;
};

/// Checks a tidy table held in memory with the same row rules as a file (the caller checks the
/// columns are there and the table has rows).
/// @param columns   by column of dataset_column_names; all present columns have `rows` codes.
/// @param rows      number of rows.
/// @param where     names row r in messages, e.g. "data row 3 (index 'gdp')".
/// @param function  the name messages start with.
/// @param reporter  called with the first problem instead of throwing, when given.
/// @throws invalid_argument "function: <where(r)>, column 'value': nan is not finite", or the repeat
///   of (indicator, region, period, kind); codes out of range.
inline DatasetColumns check_dataset_table(const std::array<TableColumn, dataset_column_count>& columns,
                                          std::size_t rows,
                                          const std::function<std::string(std::size_t)>& where,
                                          std::string_view function = "check_dataset_table",
                                          const DatasetReporter& reporter = {}) {
  const detail::Problems problems{function, &reporter};
  for (std::size_t c = 0; c < dataset_column_count; ++c) {
    const auto& column = columns[c];
    const bool ok = (column.codes.empty() || column.codes.size() == rows) &&
                    (column.problems.empty() || column.problems.size() == column.cells.size()) &&
                    (column.numbers.empty() || column.numbers.size() == column.cells.size());
    bool in_range = true;
    for (const auto code : column.codes) {
      in_range = in_range && code >= 0 && static_cast<std::size_t>(code) < column.cells.size();
    }
    if (!ok || !in_range) {
      fail(function, std::string("column '") + dataset_column_names[c] +
                         "' has codes, cells, problems or numbers that do not fit " +
                         std::to_string(rows) + " rows");
    }
  }
  detail::DatasetBuilder builder(problems);
  for (std::size_t r = 0; r < rows; ++r) {
    detail::RowCells cells;
    for (std::size_t c = 0; c < dataset_column_count; ++c) {
      const auto& column = columns[c];
      if (column.codes.empty()) continue;
      const auto code = static_cast<std::size_t>(column.codes[r]);
      cells.text[c] = column.cells[code];
      if (!column.problems.empty()) cells.problem[c] = column.problems[code];
      if (c == col_value && !column.numbers.empty()) cells.number = column.numbers[code];
    }
    builder.add(cells, where);
  }
  return builder.finish();
}

/// First and last calendar year of a period of a tidy table ("2016-2020" -> (2016, 2020); equal
/// unless the period is a span of years).
/// @throws invalid_argument "period_years: period is '22', but must be YYYY, ..." for a string that
///   is not a period.
inline std::pair<int, int> period_years(std::string_view period,
                                        std::string_view function = "period_years") {
  if (const auto problem = detail::period_problem(period); !problem.empty()) {
    fail(function, "period is " + detail::quoted(period) + ", but " + problem);
  }
  const int first = detail::digits_value(period.substr(0, 4));
  return {first, period.size() == 9 ? detail::digits_value(period.substr(5)) : first};
}

/// The rows of checked columns as DataRow structs.
inline std::vector<DataRow> dataset_rows(const DatasetColumns& columns) {
  std::vector<DataRow> rows(columns.rows());
  const auto& t = columns.text;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    DataRow& row = rows[r];
    row.indicator = t[col_indicator][r];
    row.region = t[col_region][r];
    row.period = t[col_period][r];
    row.value = columns.value[r];
    row.unit = t[col_unit][r];
    row.price_basis = t[col_price_basis][r];
    row.kind = t[col_kind][r];
    row.source = t[col_source][r];
    row.label_zh = t[col_label_zh][r];
    row.relative_to = t[col_relative_to][r];
    row.qualifier = t[col_qualifier][r];
    row.source_line = columns.source_line[r];
  }
  return rows;
}

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
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return dataset_rows(read_dataset_columns(text, name, "read_dataset"));
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
