/// @file
/// Period: one year, quarter or month, as an integer ordinal so period arithmetic is integer arithmetic.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>

#include <algorithm>    // min
#include <cctype>       // isdigit, toupper
#include <cstdint>      // int64_t
#include <ostream>      // operator<< (Boost.Test and users print periods)
#include <string>
#include <string_view>

HAIDIAN_NAMESPACE_BEGIN

/// How often an indicator is observed. Calendar-year anchored (years end in December).
enum class Frequency { annual, quarterly, monthly };

/// Number of periods in one year: 1, 4 or 12.
constexpr int periods_per_year(Frequency frequency) noexcept {
  switch (frequency) {
    case Frequency::annual: return 1;
    case Frequency::quarterly: return 4;
    case Frequency::monthly: return 12;
  }
  return 1;
}

/// Canonical one-letter code: "A", "Q" or "M".
inline const char* frequency_code(Frequency frequency) noexcept {
  switch (frequency) {
    case Frequency::annual: return "A";
    case Frequency::quarterly: return "Q";
    case Frequency::monthly: return "M";
  }
  return "A";
}

/// The frequency as a word: "annual", "quarterly" or "monthly".
inline const char* frequency_name(Frequency frequency) noexcept {
  switch (frequency) {
    case Frequency::annual: return "annual";
    case Frequency::quarterly: return "quarterly";
    case Frequency::monthly: return "monthly";
  }
  return "annual";
}

namespace detail {
// Case folding of ASCII letters only (not std::toupper/tolower, which depend on the C locale), so
// the bytes of UTF-8 text such as "亿元" pass through unchanged.
inline std::string ascii_upper(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}
inline std::string ascii_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}
/// The text without leading and trailing spaces, tabs and line breaks.
inline std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}
}  // namespace detail

/// Reads a frequency code. Accepts "A", "Q", "M", the words "annual", "quarterly", "monthly", and the
/// pandas spellings "Y", "Y-DEC", "A-DEC", "YE", "YE-DEC", "Q-DEC", "QE", "QE-DEC", "ME" (case-insensitive).
/// Fiscal years anchored elsewhere ("Q-MAR") are rejected: Chinese statistics use calendar years.
/// @param text the code
/// @param function name of the calling function, for the error message
/// @throws invalid_argument for any other text
inline Frequency parse_frequency(std::string_view text, std::string_view function = "parse_frequency") {
  const std::string code = detail::ascii_upper(detail::trim(text));
  if (code == "A" || code == "Y" || code == "A-DEC" || code == "Y-DEC" || code == "YE" || code == "YE-DEC" ||
      code == "ANNUAL" || code == "YEARLY") {
    return Frequency::annual;
  }
  if (code == "Q" || code == "Q-DEC" || code == "QE" || code == "QE-DEC" || code == "QUARTERLY") {
    return Frequency::quarterly;
  }
  if (code == "M" || code == "ME" || code == "MONTHLY") return Frequency::monthly;
  fail(function, "freq is '" + std::string(text) +
                     "', but must be one of 'A' (annual; also 'Y', 'Y-DEC', 'A-DEC'), 'Q' (quarterly; also "
                     "'Q-DEC') or 'M' (monthly; also 'ME')");
}

/// One period of a given frequency, stored as an ordinal: the year for annual periods,
/// year*4 + (quarter-1) for quarters and year*12 + (month-1) for months. Years run from 1 to 9999.
class Period {
 public:
  static constexpr int min_year = 1;     ///< first year a Period can hold
  static constexpr int max_year = 9999;  ///< last year a Period can hold

  /// A period from its frequency and ordinal (see the class comment).
  /// @throws invalid_argument if the year falls outside 1..9999
  Period(Frequency frequency, std::int64_t ordinal) : frequency_(frequency), ordinal_(ordinal) {
    const std::int64_t per = periods_per_year(frequency);
    if (ordinal < min_year * per || ordinal >= (max_year + 1) * per) {
      fail("Period", "ordinal " + std::to_string(ordinal) + " is outside the years " +
                         std::to_string(min_year) + ".." + std::to_string(max_year));
    }
  }

  /// The year `year` (annual frequency).
  static Period annual(int year) { return {Frequency::annual, checked_year("Period::annual", year)}; }
  /// Quarter `quarter` (1..4) of `year`.
  static Period quarterly(int year, int quarter) {
    if (quarter < 1 || quarter > 4) {
      fail("Period::quarterly", "quarter is " + std::to_string(quarter) + ", but must be 1..4");
    }
    return {Frequency::quarterly, checked_year("Period::quarterly", year) * 4 + (quarter - 1)};
  }
  /// Month `month` (1..12) of `year`.
  static Period monthly(int year, int month) {
    if (month < 1 || month > 12) {
      fail("Period::monthly", "month is " + std::to_string(month) + ", but must be 1..12");
    }
    return {Frequency::monthly, checked_year("Period::monthly", year) * 12 + (month - 1)};
  }

  /// The first period of `year` at `frequency` (the year itself, Q1 or January).
  static Period first_of_year(Frequency frequency, int year) {
    return {frequency, checked_year("Period::first_of_year", year) * periods_per_year(frequency)};
  }

  /// Parses "2022" (annual), "2022Q3" or "2022-Q3" (quarterly), "2022-07" or "2022M07" (monthly).
  /// @throws invalid_argument for anything else
  static Period parse(std::string_view text) {
    const std::string_view t = detail::trim(text);
    const auto bad = [&]() -> Period {
      fail("Period.parse", "text is '" + std::string(text) +
                               "', but must look like '2022' (annual), '2022Q3' (quarterly) or '2022-07' "
                               "(monthly)");
    };
    std::size_t i = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i != 4) return bad();
    const int year = std::stoi(std::string(t.substr(0, 4)));
    if (i == t.size()) return annual(year);
    std::string_view rest = t.substr(4);
    if (rest.front() == '-') rest.remove_prefix(1);
    if (rest.empty()) return bad();
    const char tag = static_cast<char>(std::toupper(static_cast<unsigned char>(rest.front())));
    const bool quarter = tag == 'Q';
    if (quarter || tag == 'M') rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 2) return bad();
    for (char c : rest) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return bad();
    }
    const int number = std::stoi(std::string(rest));
    if (quarter) {
      if (rest.size() != 1 || number < 1 || number > 4) return bad();
      return quarterly(year, number);
    }
    if (number < 1 || number > 12) return bad();
    return monthly(year, number);
  }

  /// Parses `text` and requires the result to have `frequency`; a bare year at a sub-annual frequency
  /// means the first period of that year ("2022" at quarterly is 2022Q1).
  /// @throws unit_error if the text names a period of another frequency
  static Period parse(std::string_view text, Frequency frequency) {
    const Period period = parse(text);
    if (period.frequency() == frequency) return period;
    if (period.frequency() == Frequency::annual) return first_of_year(frequency, period.year());
    fail<unit_error>("Period.parse", "text '" + std::string(text) + "' is a period of frequency " +
                                         frequency_code(period.frequency()) + ", but frequency " +
                                         frequency_code(frequency) + " was asked for");
  }

  /// Annual, quarterly or monthly.
  Frequency frequency() const noexcept { return frequency_; }
  /// The ordinal (see the class comment).
  std::int64_t ordinal() const noexcept { return ordinal_; }
  /// The calendar year the period falls in.
  int year() const noexcept { return static_cast<int>(ordinal_ / periods_per_year(frequency_)); }
  /// Quarter (1..4) or month (1..12) within the year; 1 for annual periods.
  int subperiod() const noexcept { return static_cast<int>(ordinal_ % periods_per_year(frequency_)) + 1; }

  /// "2022", "2022Q3" or "2022-07" (the forms pandas prints).
  std::string to_string() const {
    std::string year_text = std::to_string(year());
    year_text.insert(0, 4 - std::min<std::size_t>(4, year_text.size()), '0');
    switch (frequency_) {
      case Frequency::annual: return year_text;
      case Frequency::quarterly: return year_text + "Q" + std::to_string(subperiod());
      case Frequency::monthly: {
        const int month = subperiod();
        return year_text + (month < 10 ? "-0" : "-") + std::to_string(month);
      }
    }
    return year_text;
  }

  /// The period `steps` periods later (earlier when negative).
  /// @throws invalid_argument if the result leaves the years 1..9999
  Period operator+(std::int64_t steps) const { return {frequency_, ordinal_ + steps}; }
  /// The period `steps` periods earlier (later when negative). @throws as operator+
  Period operator-(std::int64_t steps) const { return {frequency_, ordinal_ - steps}; }

  /// Number of periods from `other` to this period.
  /// @throws unit_error if the frequencies differ
  std::int64_t operator-(const Period& other) const {
    require_same_frequency("Period.__sub__", other);
    return ordinal_ - other.ordinal_;
  }

  /// Same frequency and same ordinal.
  bool operator==(const Period& other) const noexcept {
    return frequency_ == other.frequency_ && ordinal_ == other.ordinal_;
  }
  /// Not operator==.
  bool operator!=(const Period& other) const noexcept { return !(*this == other); }
  /// Ordering only makes sense within one frequency. @throws unit_error otherwise
  bool operator<(const Period& other) const {
    require_same_frequency("Period.__lt__", other);
    return ordinal_ < other.ordinal_;
  }
  /// Later than `other`. @throws unit_error if the frequencies differ
  bool operator>(const Period& other) const { return other < *this; }
  /// Not later than `other`. @throws unit_error if the frequencies differ
  bool operator<=(const Period& other) const { return !(other < *this); }
  /// Not earlier than `other`. @throws unit_error if the frequencies differ
  bool operator>=(const Period& other) const { return !(*this < other); }

  /// @throws unit_error naming `function` if `other` has a different frequency
  void require_same_frequency(std::string_view function, const Period& other) const {
    if (frequency_ != other.frequency_) {
      fail<unit_error>(function, "periods " + to_string() + " (frequency " + frequency_code(frequency_) +
                                     ") and " + other.to_string() + " (frequency " +
                                     frequency_code(other.frequency_) + ") have different frequencies");
    }
  }

 private:
  static std::int64_t checked_year(std::string_view function, int year) {
    if (year < min_year || year > max_year) {
      fail(function, "year is " + std::to_string(year) + ", but must be within " + std::to_string(min_year) +
                         ".." + std::to_string(max_year));
    }
    return year;
  }

  Frequency frequency_;
  std::int64_t ordinal_;
};

/// Writes "2022", "2022Q3" or "2022-07".
inline std::ostream& operator<<(std::ostream& out, const Period& period) { return out << period.to_string(); }

HAIDIAN_NAMESPACE_END
