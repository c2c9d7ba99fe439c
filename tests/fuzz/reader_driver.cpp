// The C++ reader's side of the reader fuzzing and corpus checks (tests/fuzz/harness.py): reads file
// paths from stdin, one per line, and answers each with one JSON line, flushed:
//   {"rows": [[indicator, region, period, value, unit, price_basis, kind, source, label_zh,
//              relative_to, qualifier, source_line], ...]}   value as std::to_chars writes it
//   {"error": "<what() of haidian::invalid_argument>"}
//   {"crash": "<what() of any other exception>"}           a finding
#include <haidian/dataset.hpp>

#include <charconv>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

namespace {

// A JSON string: quote, backslash and control bytes escaped; other bytes (UTF-8) as they are.
std::string json(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\u00";
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string answer(const std::string& path) {
  try {
    const auto rows = haidian::read_dataset_file(path);
    std::string out = "{\"rows\": [";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      char number[32];
      const auto written = std::to_chars(number, number + sizeof number, row.value);
      out += (r ? ", [" : "[") + json(row.indicator) + ", " + json(row.region) + ", " +
             json(row.period) + ", " + json(std::string_view(number, static_cast<std::size_t>(
                                                                          written.ptr - number))) +
             ", " + json(row.unit) + ", " + json(row.price_basis) + ", " + json(row.kind) + ", " +
             json(row.source) + ", " + json(row.label_zh) + ", " + json(row.relative_to) + ", " +
             json(row.qualifier) + ", " +
             (row.source_line ? std::to_string(row.source_line) : std::string("null")) + "]";
    }
    return out + "]}";
  } catch (const haidian::invalid_argument& error) {
    return "{\"error\": " + json(error.what()) + "}";
  } catch (const std::exception& error) {
    return "{\"crash\": " + json(error.what()) + "}";
  }
}

}  // namespace

int main() {
  std::string path;
  while (std::getline(std::cin, path)) std::cout << answer(path) << std::endl;
  return 0;
}
