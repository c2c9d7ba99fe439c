/// @file
/// Unit: a symbol, a scale and a dimension, so 亿元 converts to 万元 and never to 吨标准煤 or 美元.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>
#include <haidian/period.hpp>  // detail::trim, detail::ascii_lower

#include <algorithm>    // max
#include <cmath>        // abs, isfinite
#include <iterator>     // next
#include <cstddef>
#include <map>          // the dimension: base name -> exponent, ordered so equal dimensions compare equal
#include <ostream>      // operator<<
#include <string>
#include <string_view>
#include <utility>      // move
#include <vector>

HAIDIAN_NAMESPACE_BEGIN

/// A unit of measurement. `scale` is the size of one unit in its dimension's base unit (元, tce, m²,
/// persons, m³, kWh, US$, or 1 for dimensionless): 亿元 has scale 1e8 in dimension {CNY: 1}.
/// Ratios have compound dimensions: 吨标准煤/万元 is {standard_coal: 1, CNY: -1} with scale 1e-4.
/// Two units are compatible (convertible) exactly when their dimensions are equal; units of different
/// currencies are different dimensions and never convertible. A string that names no known unit is
/// accepted as an opaque base unit of its own dimension, so it combines only with the identical text.
class Unit {
 public:
  /// Base dimension name -> exponent (no zero exponents), e.g. {standard_coal: 1, CNY: -1}.
  using Dimension = std::map<std::string, int>;

  /// The dimensionless unit "1" (plain numbers, fractions such as growth rates and shares).
  Unit() : symbol_("1"), scale_(1.0) {}

  /// Parses a unit string, e.g. "亿元", "10k tce", "吨标准煤/万元", "km2", "%". See parse().
  Unit(const char* text) : Unit(parse(text)) {}          // NOLINT: implicit, so "亿元" reads as a Unit
  /// Parses a unit string, as Unit(const char*).
  Unit(const std::string& text) : Unit(parse(text)) {}   // NOLINT

  /// A unit from its parts (used to restore a saved unit exactly).
  /// @throws domain_error if `scale` is not positive and finite
  Unit(std::string symbol, double scale, Dimension dimension)
      : symbol_(std::move(symbol)), scale_(scale), dimension_(std::move(dimension)) {
    check_positive("Unit", "scale", scale);
    for (auto it = dimension_.begin(); it != dimension_.end();) {
      it = it->second == 0 ? dimension_.erase(it) : std::next(it);
    }
    if (symbol_.empty()) symbol_ = "1";
  }

  /// Parses a unit: a known symbol or alias (Chinese or English, see the table in unit_table()),
  /// products with "*" or "·", quotients with "/", parentheses; "" and "1" are dimensionless.
  /// Anything unrecognised becomes an opaque base unit named by its text.
  static Unit parse(std::string_view text) {
    const std::string_view trimmed = detail::trim(text);
    if (trimmed.empty() || trimmed == "1") return Unit();
    Parser parser{trimmed, 0};
    Unit result;
    if (parser.expression(result) && parser.at == trimmed.size()) return result;
    return opaque(trimmed);  // malformed compound text: keep it whole, so users are never blocked
  }

  /// The dimensionless unit.
  static Unit dimensionless() { return Unit(); }

  /// The symbol as written or simplified ("亿元", "吨标准煤/万元", "1").
  const std::string& symbol() const noexcept { return symbol_; }
  /// Size of one unit in its dimension's base unit (亿元: 1e8).
  double scale() const noexcept { return scale_; }
  /// The dimension; empty for dimensionless units.
  const Dimension& dimension() const noexcept { return dimension_; }
  /// True for plain numbers, fractions, "%" and "‰".
  bool is_dimensionless() const noexcept { return dimension_.empty(); }

  /// True when values in the two units can be converted into each other.
  bool compatible(const Unit& other) const { return dimension_ == other.dimension_; }

  /// The factor f with value_in_target = f * value_in_this.
  /// @param target the unit to convert to
  /// @param function caller's name for the message
  /// @throws unit_error if the dimensions differ
  double factor_to(const Unit& target, std::string_view function = "Unit.factor_to") const {
    if (!compatible(target)) {
      fail<unit_error>(function, "unit " + describe() + " cannot be converted to " + target.describe());
    }
    return scale_ / target.scale_;
  }

  /// "'亿元' (CNY x 1e+08)"-style text for error messages.
  std::string describe() const {
    return "'" + symbol_ + "' (" + dimension_text() + (scale_ == 1.0 ? "" : " x " + detail::format_value(scale_)) +
           ")";
  }

  /// "CNY", "standard_coal/CNY", "1" for dimensionless.
  std::string dimension_text() const {
    std::string up, down;
    for (const auto& [name, exponent] : dimension_) {
      std::string& side = exponent > 0 ? up : down;
      if (!side.empty()) side += "·";
      side += name;
      const int power = exponent > 0 ? exponent : -exponent;
      if (power != 1) side += "^" + std::to_string(power);
    }
    if (up.empty()) up = "1";
    return down.empty() ? up : up + "/" + down;
  }

  /// Equal dimension and equal scale (to 1e-12 relative, since scales of compound units are products).
  bool operator==(const Unit& other) const {
    return dimension_ == other.dimension_ &&
           std::abs(scale_ - other.scale_) <= 1e-12 * std::max(scale_, other.scale_);
  }
  /// Not operator==.
  bool operator!=(const Unit& other) const { return !(*this == other); }

  /// Product unit: dimensions add, scales multiply. When the result is a single base dimension (or
  /// none) with the scale of a known unit it takes that unit's symbol, so (a/b)·b simplifies to a:
  /// 吨标准煤/万元 · 万元 = 吨标准煤, 万吨标准煤/亿元 · 亿元 = 万吨标准煤, 万元/人 · 万人 = 亿元,
  /// 件/万元 · 万元 = 件. Otherwise the symbol is kept as written ("(吨标准煤/万元)·(万元/人)"), which
  /// parses back to the same unit and converts with factor_to like any other.
  Unit operator*(const Unit& other) const {
    if (is_dimensionless() && scale_ == 1.0) return other;
    if (other.is_dimensionless() && other.scale_ == 1.0) return *this;
    Dimension dimension = dimension_;
    for (const auto& [name, exponent] : other.dimension_) dimension[name] += exponent;
    return Unit(wrap(symbol_, false) + "·" + wrap(other.symbol_, false), scale_ * other.scale_,
                std::move(dimension))
        .named_if_known();
  }

  /// Quotient unit, e.g. 万吨标准煤 / 亿元 has scale 1e4/1e8 = 1e-4 and equals 吨标准煤/万元. Simplifies
  /// to a known symbol as operator* does ((万元·人)/人 = 万元).
  Unit operator/(const Unit& other) const {
    if (other.is_dimensionless() && other.scale_ == 1.0) return *this;
    Dimension dimension = dimension_;
    for (const auto& [name, exponent] : other.dimension_) dimension[name] -= exponent;
    return Unit(symbol_ + "/" + wrap(other.symbol_, true), scale_ / other.scale_, std::move(dimension))
        .named_if_known();
  }

  /// One row of the table of known units.
  struct Known {
    const char* symbol;                 ///< canonical symbol
    const char* dimension;              ///< base dimension name, "" for dimensionless
    double scale;                       ///< size in the dimension's base unit
    std::vector<const char*> aliases;   ///< other spellings (ASCII ones match case-insensitively)
  };

  /// The known units. Sources: 国家统计局 conventions (亿元 = 1e8 元, 万吨标准煤 = 1e4 吨标准煤);
  /// SI/法定计量单位 for areas (1 公顷 = 1e4 m², 1 km² = 1e6 m², 1 亩 = 10000/15 m²).
  static const std::vector<Known>& unit_table() {
    static const std::vector<Known> table = {
        {"元", "CNY", 1.0, {"yuan", "CNY", "RMB", "人民币元"}},
        {"千元", "CNY", 1e3, {"1000 yuan", "thousand yuan"}},
        {"万元", "CNY", 1e4, {"10k yuan", "10000 yuan", "10,000 yuan", "ten thousand yuan"}},
        {"亿元", "CNY", 1e8, {"100m yuan", "100 million yuan", "100mn yuan"}},
        {"万亿元", "CNY", 1e12, {"trillion yuan", "tn yuan", "1e12 yuan"}},
        {"美元", "USD", 1.0, {"USD", "US$", "dollar", "dollars", "US dollar"}},
        {"万美元", "USD", 1e4, {"10k USD", "10k dollars"}},
        {"亿美元", "USD", 1e8, {"100m USD", "100m dollars"}},
        {"吨标准煤", "standard_coal", 1.0, {"tce", "吨标煤", "t ce", "tonne ce", "tonnes of standard coal"}},
        {"千克标准煤", "standard_coal", 1e-3, {"kgce", "kg ce", "千克标煤"}},
        {"万吨标准煤", "standard_coal", 1e4, {"10k tce", "万吨标煤", "10000 tce"}},
        {"亿吨标准煤", "standard_coal", 1e8, {"100m tce", "亿吨标煤"}},
        {"平方米", "area", 1.0, {"m²", "m2", "sq m", "square metre", "square meter"}},
        {"亩", "area", 10000.0 / 15.0, {"mu"}},
        {"公顷", "area", 1e4, {"ha", "hectare", "hectares"}},
        {"平方公里", "area", 1e6, {"km²", "km2", "平方千米", "sq km", "square kilometre", "square kilometer"}},
        {"人", "population", 1.0, {"persons", "person", "people"}},
        {"万人", "population", 1e4, {"10k persons", "10k people", "10000 persons"}},
        {"亿人", "population", 1e8, {"100m persons", "100m people"}},
        {"立方米", "volume", 1.0, {"m³", "m3", "cubic metre", "cubic meter"}},
        {"万立方米", "volume", 1e4, {"10k m3", "10k m³", "万m3", "万m³"}},
        {"亿立方米", "volume", 1e8, {"100m m3", "100m m³", "亿m3", "亿m³"}},
        {"千瓦时", "electricity", 1.0, {"kWh", "度"}},
        {"万千瓦时", "electricity", 1e4, {"10k kWh"}},
        {"亿千瓦时", "electricity", 1e8, {"100m kWh"}},
        {"%", "", 0.01, {"percent", "pct", "百分比"}},
        {"‰", "", 0.001, {"permille", "per mille"}},
        {"index", "index", 1.0, {"指数"}},
    };
    return table;
  }

 private:
  // The same unit under a known unit's symbol when its dimension is one base dimension with exponent 1
  // (or none) and its scale is a known unit's (to 1e-12 relative, as operator==): "1", "%", "万吨标准煤",
  // or an opaque unit's own text at scale 1. Otherwise the unit unchanged.
  Unit named_if_known() const {
    const auto same_scale = [this](double scale) {
      return std::abs(scale_ - scale) <= 1e-12 * std::max(scale_, scale);
    };
    std::string base;  // "" for dimensionless, as in the table
    if (!dimension_.empty()) {
      if (dimension_.size() != 1 || dimension_.begin()->second != 1) return *this;
      base = dimension_.begin()->first;
    }
    if (base.empty() && same_scale(1.0)) return Unit();
    if (base.size() > 2 && base.front() == '[' && base.back() == ']') {  // opaque
      return same_scale(1.0) ? opaque(std::string_view(base).substr(1, base.size() - 2)) : *this;
    }
    for (const Known& row : unit_table()) {
      if (base == row.dimension && same_scale(row.scale)) return Unit(row.symbol, row.scale, dimension_);
    }
    return *this;
  }

  static Unit opaque(std::string_view text) {
    return Unit(std::string(text), 1.0, Dimension{{"[" + std::string(text) + "]", 1}});
  }

  static Unit atom(std::string_view text) {
    const std::string key = detail::ascii_lower(text);
    for (const Known& row : unit_table()) {
      bool match = key == detail::ascii_lower(row.symbol);
      for (const char* alias : row.aliases) match = match || key == detail::ascii_lower(alias);
      if (match) {
        Dimension dimension;
        if (*row.dimension != '\0') dimension[row.dimension] = 1;
        return Unit(row.symbol, row.scale, std::move(dimension));
      }
    }
    return opaque(text);
  }

  // Parenthesises a symbol that contains a quotient (or, for a divisor, also a product), so the
  // composed symbol parses back to the same unit.
  static std::string wrap(const std::string& symbol, bool divisor) {
    const bool compound = symbol.find('/') != std::string::npos ||
                          (divisor && (symbol.find("·") != std::string::npos || symbol.find('*') != std::string::npos));
    return compound ? "(" + symbol + ")" : symbol;
  }

  // Recursive descent over  expression := term (("*" | "·" | "/") term)* ,  term := "(" expression ")" | atom.
  struct Parser {
    std::string_view text;
    std::size_t at;

    void skip_space() {
      while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    }
    // 0 none, 1 multiply, 2 divide; advances past the operator.
    int take_operator() {
      skip_space();
      if (at < text.size() && (text[at] == '*' || text[at] == '/')) return text[at++] == '*' ? 1 : 2;
      if (text.substr(at, 2) == "·") {
        at += 2;
        return 1;
      }
      return 0;
    }
    bool expression(Unit& out) {
      Unit left;
      if (!term(left)) return false;
      for (;;) {
        const std::size_t before = at;
        const int op = take_operator();
        if (op == 0) {
          at = before;
          break;
        }
        Unit right;
        if (!term(right)) return false;
        left = op == 1 ? left * right : left / right;
      }
      out = left;
      return true;
    }
    bool term(Unit& out) {
      skip_space();
      if (at < text.size() && text[at] == '(') {
        ++at;
        if (!expression(out)) return false;
        skip_space();
        if (at >= text.size() || text[at] != ')') return false;
        ++at;
        return true;
      }
      const std::size_t start = at;
      while (at < text.size() && text[at] != '*' && text[at] != '/' && text[at] != '(' && text[at] != ')' &&
             text.substr(at, 2) != "·") {
        ++at;
      }
      const std::string_view word = detail::trim(text.substr(start, at - start));
      if (word.empty()) return false;
      if (word == "1") {
        out = Unit();
        return true;
      }
      out = atom(word);
      return true;
    }
  };

  std::string symbol_;
  double scale_;
  Dimension dimension_;
};

/// Writes the unit's symbol.
inline std::ostream& operator<<(std::ostream& out, const Unit& unit) { return out << unit.symbol(); }

HAIDIAN_NAMESPACE_END
