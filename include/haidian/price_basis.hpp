/// @file
/// PriceBasis: whether money values are at current prices or at comparable (constant) prices of a base year.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>
#include <haidian/period.hpp>  // detail::trim, detail::ascii_lower, Period::min_year/max_year

#include <cctype>   // isdigit
#include <ostream>  // operator<<
#include <string>
#include <string_view>

HAIDIAN_NAMESPACE_BEGIN

/// The price basis of a series. `none` is for quantities that have no prices (energy, land, people)
/// and for ratios in which the prices cancel; `current` is 现价/当年价; `comparable` is 可比价/不变价
/// at the prices of `base_year`. Chinese statistics publish growth rates at comparable prices and
/// levels at current prices (国家统计局, 《中国统计年鉴》 主要统计指标解释), which is why the basis travels
/// with every series and adding two series of different bases is an error.
class PriceBasis {
 public:
  /// No prices, current prices, or comparable prices of a base year.
  enum class Kind { none, current, comparable };

  /// No price basis.
  PriceBasis() = default;

  /// No price basis (quantities without prices, ratios in which prices cancel).
  static PriceBasis none() { return PriceBasis(); }
  /// Current prices (现价).
  static PriceBasis current() { return PriceBasis(Kind::current, 0); }
  /// Comparable (constant) prices of `base_year`.
  /// @throws invalid_argument if the year is outside 1..9999
  static PriceBasis comparable(int base_year) {
    if (base_year < Period::min_year || base_year > Period::max_year) {
      fail("PriceBasis.comparable", "base_year is " + std::to_string(base_year) + ", but must be within 1..9999");
    }
    return PriceBasis(Kind::comparable, base_year);
  }

  /// Parses "" / "none" / "n/a"; "current" / "nominal" / "现价" / "当年价"; and "comparable 2020",
  /// "comparable:2020", "constant 2020", "2020 prices", "可比价2020", "2020年可比价", "不变价2020".
  /// @throws invalid_argument for anything else (including "comparable" without a year)
  static PriceBasis parse(std::string_view text) {
    const std::string_view t = detail::trim(text);
    const std::string lower = detail::ascii_lower(t);
    if (lower.empty() || lower == "none" || lower == "n/a" || lower == "na") return none();
    if (lower == "current" || lower == "current prices" || lower == "nominal" || lower == "现价" ||
        lower == "当年价" || lower == "当年价格") {
      return current();
    }
    // Comparable: a keyword and exactly one four-digit year, in either order.
    const bool keyword = lower.find("comparable") != std::string::npos || lower.find("constant") != std::string::npos ||
                         lower.find("prices") != std::string::npos || lower.find("可比价") != std::string::npos ||
                         lower.find("不变价") != std::string::npos;
    int year = -1;
    int years_found = 0;
    for (std::size_t i = 0; i < lower.size();) {
      std::size_t j = i;
      while (j < lower.size() && std::isdigit(static_cast<unsigned char>(lower[j]))) ++j;
      if (j > i) {
        ++years_found;
        if (j - i == 4) year = std::stoi(lower.substr(i, 4));
        i = j;
      } else {
        ++i;
      }
    }
    if (keyword && years_found == 1 && year > 0) return comparable(year);
    fail("PriceBasis.parse", "price_basis is '" + std::string(text) +
                                 "', but must be 'none', 'current' or 'comparable YYYY' (e.g. 'comparable 2020')");
  }

  /// None, current or comparable.
  Kind kind() const noexcept { return kind_; }
  /// The base year of comparable prices; 0 otherwise.
  int base_year() const noexcept { return base_year_; }
  /// True for Kind::none.
  bool is_none() const noexcept { return kind_ == Kind::none; }

  /// "none", "current" or "comparable 2020" (parse() reads it back).
  std::string to_string() const {
    switch (kind_) {
      case Kind::none: return "none";
      case Kind::current: return "current";
      case Kind::comparable: return "comparable " + std::to_string(base_year_);
    }
    return "none";
  }

  /// Same kind and base year.
  bool operator==(const PriceBasis& other) const noexcept {
    return kind_ == other.kind_ && base_year_ == other.base_year_;
  }
  /// Not operator==.
  bool operator!=(const PriceBasis& other) const noexcept { return !(*this == other); }

  /// @throws unit_error naming `function` unless both bases are equal (adding, comparing)
  void require_same(std::string_view function, const PriceBasis& other) const {
    if (*this != other) {
      fail<unit_error>(function, "price bases '" + to_string() + "' and '" + other.to_string() +
                                     "' differ; deflate the current-price series first");
    }
  }

 private:
  PriceBasis(Kind kind, int base_year) : kind_(kind), base_year_(base_year) {}

  Kind kind_ = Kind::none;
  int base_year_ = 0;
};

/// Writes "none", "current" or "comparable 2020".
inline std::ostream& operator<<(std::ostream& out, const PriceBasis& basis) { return out << basis.to_string(); }

HAIDIAN_NAMESPACE_END
