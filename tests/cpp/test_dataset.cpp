// The tidy-table reader: the bundled Haidian 2022 file reads back with the figures the article states,
// every kind of bad file is rejected with a message naming the line and the column, and the columnar
// entry points (read_dataset_columns, check_dataset_table) apply the same rules.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/dataset.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace {

const std::string bundled_path = std::string(HAIDIAN_TEST_DATA_DIR) + "/haidian_2022.csv";

std::vector<haidian::DataRow> read_text(const std::string& text) {
  std::istringstream in(text);
  return haidian::read_dataset(in, "t.csv");
}

const haidian::DataRow* find(const std::vector<haidian::DataRow>& rows, const std::string& indicator,
                             const std::string& kind, const std::string& period) {
  for (const auto& row : rows) {
    if (row.indicator == indicator && row.kind == kind && row.period == period &&
        row.region == "haidian") {
      return &row;
    }
  }
  return nullptr;
}

// A JSON value, enough for the corpus expectations: null, numbers (kept as text), strings, arrays
// and objects.
struct Json {
  enum Kind { null, number_text, string, array, object } kind = null;
  std::string text;  // a string's value or a number's text
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json* member(const std::string& key) const {
    for (const auto& m : members) {
      if (m.first == key) return &m.second;
    }
    return nullptr;
  }
  double number() const {
    double value = 0.0;
    const char* first = text.data();
    if (!text.empty() && text[0] == '-') ++first;
    const auto result = std::from_chars(first, text.data() + text.size(), value);
    BOOST_REQUIRE(kind == number_text && result.ec == std::errc{} &&
                  result.ptr == text.data() + text.size());
    return first == text.data() ? value : -value;
  }
};

// Recursive descent over RFC 8259 JSON as Python's json module writes it.
struct JsonParser {
  std::string_view s;
  std::size_t i = 0;

  Json document() {
    Json value = parse();
    skip();
    BOOST_REQUIRE(i == s.size());
    return value;
  }
  void skip() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  }
  void expect(char c) {
    skip();
    BOOST_REQUIRE(i < s.size() && s[i] == c);
    ++i;
  }
  Json parse() {
    skip();
    BOOST_REQUIRE(i < s.size());
    Json value;
    if (s[i] == '{') {
      value.kind = Json::object;
      ++i;
      skip();
      if (s[i] == '}') return ++i, value;
      while (true) {
        Json key = parse();
        expect(':');
        value.members.emplace_back(key.text, parse());
        skip();
        if (s[i++] == '}') return value;
      }
    }
    if (s[i] == '[') {
      value.kind = Json::array;
      ++i;
      skip();
      if (s[i] == ']') return ++i, value;
      while (true) {
        value.items.push_back(parse());
        skip();
        if (s[i++] == ']') return value;
      }
    }
    if (s[i] == '"') {
      value.kind = Json::string;
      ++i;
      while (s[i] != '"') {
        if (s[i] != '\\') {
          value.text += s[i++];
          continue;
        }
        const char e = s[i + 1];
        i += 2;
        if (e == 'u') {
          unsigned code = hex4();
          if (code >= 0xD800 && code < 0xDC00) {  // a surrogate pair
            BOOST_REQUIRE(s.substr(i, 2) == "\\u");
            i += 2;
            code = 0x10000 + ((code - 0xD800) << 10) + (hex4() - 0xDC00);
          }
          append_utf8(value.text, code);
        } else {
          const std::string_view from = "\"\\/bfnrt", to = "\"\\/\b\f\n\r\t";
          BOOST_REQUIRE(from.find(e) != std::string_view::npos);
          value.text += to[from.find(e)];
        }
      }
      ++i;
      return value;
    }
    if (s.substr(i, 4) == "null") {
      i += 4;
      return value;
    }
    value.kind = Json::number_text;
    while (i < s.size() && std::string_view("+-0123456789.eE").find(s[i]) != std::string_view::npos) {
      value.text += s[i++];
    }
    BOOST_REQUIRE(!value.text.empty());
    return value;
  }
  unsigned hex4() {
    unsigned code = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s[i++];
      code = code * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return code;
  }
  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(dataset)

BOOST_AUTO_TEST_CASE(bundled_file_has_one_row_per_nonblank_line) {
  // Count data lines independently of the reader (the file has no quoted newlines).
  std::ifstream in(bundled_path);
  BOOST_REQUIRE(in);
  std::string line;
  std::size_t lines = 0;
  while (std::getline(in, line)) {
    if (!line.empty()) ++lines;
  }
  const auto rows = haidian::read_dataset_file(bundled_path);
  BOOST_TEST(rows.size() == lines - 1);
  BOOST_TEST(rows.size() >= 50u);
}

BOOST_AUTO_TEST_CASE(bundled_file_states_the_article_figures) {
  // Expected figures typed from the article, independently of the CSV file.
  struct Expected {
    const char* indicator;
    const char* kind;
    const char* period;
    double value;
    const char* unit;
    const char* fragment;  // must occur in the row's source
  };
  const Expected expected[] = {
      {"gdp", "level", "2022", 10206.9, "亿元", "10206.9亿元"},
      {"gdp", "growth", "2022", 0.035, "fraction", "同比增长3.5%"},
      {"industrial_value_added", "growth", "2022", -0.057, "fraction", "同比下降5.7%"},
      {"industrial_robot_output", "growth", "2022", 0.648, "fraction", "64.8%"},
      {"energy_intensity", "growth", "2022", -0.03, "fraction", "能耗降幅3%"},
      {"retail_sales", "growth", "2022", -0.07, "fraction", "同比下降7.0%"},
      {"land_area", "level", "2022", 430.8, "km²", "430.8平方公里"},
      {"land_area", "share", "2022", 0.026, "fraction", "仅占全市2.6%"},
      {"industrial_land_area", "level", "2022", 39.0, "km²", "39平方公里"},
      {"gdp", "level", "2004", 1000.0, "亿元", "1000亿元"},
      {"gdp", "level", "2015", 5000.0, "亿元", "5000亿元"},
      {"fdi_actual_use", "level", "2022", 63.7, "亿美元", "63.7亿美元"},
      {"fdi_actual_use", "share", "2022", 0.371, "fraction", "37.1%"},
      {"illegal_construction_demolished", "level", "2016-2020", 1211.0, "万m²", "1211万平方米"},
      {"disposable_income_per_capita", "level", "2022", 96153.0, "元", "96153元"},
  };
  const auto rows = haidian::read_dataset_file(bundled_path);
  for (const auto& e : expected) {
    BOOST_TEST_CONTEXT(e.indicator << " " << e.kind << " " << e.period) {
      const auto* row = find(rows, e.indicator, e.kind, e.period);
      BOOST_REQUIRE(row != nullptr);
      BOOST_TEST(row->value == e.value);  // exact: both are the nearest double to the same decimal
      BOOST_TEST(row->unit == e.unit);
      BOOST_TEST(row->source.find(e.fragment) != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(optional_columns_get_defaults_and_any_column_order) {
  const auto rows = read_text(
      "kind,value,indicator,region,period,unit,price_basis,source\n"
      "growth,0.05,gdp,x,2021,fraction,comparable,\"a, \"\"quoted\"\" source\"\n");
  BOOST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].indicator == "gdp");
  BOOST_TEST(rows[0].value == 0.05);
  BOOST_TEST(rows[0].source == "a, \"quoted\" source");
  BOOST_TEST(rows[0].qualifier == "exact");
  BOOST_TEST(rows[0].source_line == 0);
  BOOST_TEST(rows[0].label_zh.empty());
}

BOOST_AUTO_TEST_CASE(byte_order_mark_crlf_and_blank_lines_are_accepted) {
  const auto rows = read_text("\xEF\xBB\xBF" + std::string("indicator,region,period,value,unit,"
                              "price_basis,kind,source\r\n\r\ngdp,x,2021,+1.5e2,亿元,current,level,s"
                              "\r\n\r\n"));
  BOOST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].value == 150.0);
  BOOST_TEST(rows[0].source == "s");
}

BOOST_AUTO_TEST_CASE(every_corpus_file_reads_as_its_expectation_says) {
  // tests/fuzz/corpus: each <case>.csv with <case>.json, the outcome the reader must give (the
  // Python test test_fuzz_readers.py checks load_csv, its binding, against the same files).
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(HAIDIAN_READER_CORPUS_DIR)) {
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  BOOST_TEST(files.size() >= 50u);
  for (const auto& file : files) {
    BOOST_TEST_CONTEXT(file.filename().string()) {
      auto expectation_path = file;
      expectation_path.replace_extension(".json");
      std::ifstream in(expectation_path, std::ios::binary);
      BOOST_REQUIRE(in);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const Json expectation = JsonParser{text}.document();
      if (const Json* error = expectation.member("error")) {
        BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([&] {
                     haidian::read_dataset_file(file.string());
                   }) == "read_dataset: " + error->text);
        continue;
      }
      const Json* rows = expectation.member("rows");
      BOOST_REQUIRE(rows != nullptr);
      const auto read = haidian::read_dataset_file(file.string());
      BOOST_REQUIRE(read.size() == rows->items.size());
      for (std::size_t r = 0; r < read.size(); ++r) {
        const auto& want = rows->items[r].items;
        const auto& got = read[r];
        BOOST_REQUIRE(want.size() == 12u);
        BOOST_TEST(got.indicator == want[0].text);
        BOOST_TEST(got.region == want[1].text);
        BOOST_TEST(got.period == want[2].text);
        const double value = want[3].number();
        BOOST_TEST(got.value == value);
        BOOST_TEST(std::signbit(got.value) == std::signbit(value));
        BOOST_TEST(got.unit == want[4].text);
        BOOST_TEST(got.price_basis == want[5].text);
        BOOST_TEST(got.kind == want[6].text);
        BOOST_TEST(got.source == want[7].text);
        BOOST_TEST(got.label_zh == want[8].text);
        BOOST_TEST(got.relative_to == want[9].text);
        BOOST_TEST(got.qualifier == want[10].text);
        BOOST_TEST(got.source_line == (want[11].kind == Json::null ? 0 : static_cast<int>(
                                                                              want[11].number())));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(columns_intern_each_distinct_text_once_in_order_of_appearance) {
  const std::string text =
      "indicator,region,period,value,unit,price_basis,kind,source,qualifier,source_line\n"
      "gdp,a,2020,1,亿元,current,level,s,,7\n"
      "gdp,b,2020,2,亿元,current,level,s,approx,\n"
      "gdp,a,2021,3,亿元,current,level,t,,\n";
  const auto columns = haidian::read_dataset_columns(text, "t.csv");
  BOOST_REQUIRE(columns.rows() == 3u);
  const auto& region = columns.text[haidian::col_region];
  BOOST_TEST(region.distinct_count() == 2u);
  BOOST_TEST((region.codes() == std::vector<std::int32_t>{0, 1, 0}));
  BOOST_TEST(region.distinct_value(1) == "b");
  BOOST_TEST(columns.text[haidian::col_indicator].distinct_count() == 1u);
  // The default qualifier is stored, not the empty cell; value and source_line are numbers.
  const auto& qualifier = columns.text[haidian::col_qualifier];
  BOOST_TEST(qualifier[0] == "exact");
  BOOST_TEST(qualifier[1] == "approx");
  BOOST_TEST(qualifier.distinct_count() == 2u);
  BOOST_TEST((columns.value == std::vector<double>{1.0, 2.0, 3.0}));
  BOOST_TEST((columns.source_line == std::vector<std::int32_t>{7, 0, 0}));
  BOOST_TEST(columns.text[haidian::col_value].rows() == 0u);
  // read_dataset is the same reader: the same rows as DataRow structs.
  const auto rows = read_text(text);
  BOOST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[1].region == "b");
  BOOST_TEST(rows[1].qualifier == "approx");
  BOOST_TEST(rows[0].source_line == 7);
}

BOOST_AUTO_TEST_CASE(repeats_are_found_among_many_rows_and_name_both_lines) {
  // 5000 distinct keys (enough to grow the hash tables several times), then a repeat of row 1234:
  // the message names its line (1234 + 2, after the header) and the repeating line.
  std::string text = "indicator,region,period,value,unit,price_basis,kind,source\n";
  for (int i = 0; i < 5000; ++i) {
    text += "g" + std::to_string(i % 50) + ",r" + std::to_string(i / 50) + ",2020,1,u,,level,\n";
  }
  BOOST_TEST(haidian::read_dataset_columns(text, "t.csv").rows() == 5000u);
  text += "g34,r24,2020,2,u,,level,x\n";  // row 1234 = 24 * 50 + 34
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([&] {
               haidian::read_dataset_columns(text, "t.csv", "f");
             }) == "f: t.csv line 5002: repeats indicator 'g34', region 'r24', period '2020', "
                   "kind 'level' of t.csv line 1236");
}

BOOST_AUTO_TEST_CASE(a_reporter_gets_where_and_column_of_the_first_problem) {
  struct Reported {
    haidian::DatasetProblem problem;
  };
  const haidian::DatasetReporter reporter = [](const haidian::DatasetProblem& problem) {
    throw Reported{problem};
  };
  auto problem_of = [&](const std::string& text) {
    try {
      haidian::read_dataset_columns(text, "t.csv", "f", reporter);
    } catch (const Reported& reported) {
      return reported.problem;
    }
    BOOST_FAIL("no problem reported");
    return haidian::DatasetProblem{};
  };
  const std::string header = "indicator,region,period,value,unit,price_basis,kind,source\n";
  auto p = problem_of(header + "gdp,x,2020,1,亿元,current,level,s\ngdp,x,2020,abc,亿元,current,level,s\n");
  BOOST_TEST(p.where == "t.csv line 3");
  BOOST_TEST(p.column == "value");
  BOOST_TEST(p.text == "t.csv line 3, column 'value': 'abc' is not a number");
  p = problem_of("indicator,region\n");
  BOOST_TEST(p.where == "t.csv line 1");
  BOOST_TEST(p.column == "period");  // the first of the missing columns
  p = problem_of(header + "gdp,x\n");
  BOOST_TEST(p.column.empty());
  BOOST_TEST(p.text == "t.csv line 2: has 2 fields but the header has 8");
}

namespace {

// A column of a table in memory: its cells, coded by first appearance.
haidian::TableColumn column_of(const std::vector<std::string>& cells) {
  haidian::TableColumn column;
  for (const auto& cell : cells) {
    const auto found = std::find(column.cells.begin(), column.cells.end(), cell);
    column.codes.push_back(static_cast<std::int32_t>(found - column.cells.begin()));
    if (found == column.cells.end()) column.cells.push_back(cell);
  }
  return column;
}

std::array<haidian::TableColumn, haidian::dataset_column_count> two_rows() {
  std::array<haidian::TableColumn, haidian::dataset_column_count> columns;
  columns[haidian::col_indicator] = column_of({"gdp", "gdp"});
  columns[haidian::col_region] = column_of({"x", "x"});
  columns[haidian::col_period] = column_of({"2020", "2021"});
  columns[haidian::col_value] = column_of({"1.5", "2"});
  columns[haidian::col_unit] = column_of({"亿元", "亿元"});
  columns[haidian::col_price_basis] = column_of({"current", "current"});
  columns[haidian::col_kind] = column_of({"level", "level"});
  columns[haidian::col_source] = column_of({"", ""});
  return columns;
}

std::string row_name(std::size_t row) { return "data row " + std::to_string(row); }

}  // namespace

BOOST_AUTO_TEST_CASE(a_table_in_memory_is_checked_by_the_same_row_rules) {
  auto columns = two_rows();
  const auto checked = haidian::check_dataset_table(columns, 2, row_name);
  BOOST_TEST((checked.value == std::vector<double>{1.5, 2.0}));
  BOOST_TEST(checked.text[haidian::col_qualifier][1] == "exact");  // absent column: the default
  BOOST_TEST(checked.text[haidian::col_label_zh][0] == "");

  // A number given as a number, not text: its kind's rule still applies (a share above 1).
  columns[haidian::col_kind] = column_of({"level", "share"});
  columns[haidian::col_unit] = column_of({"亿元", "fraction"});
  columns[haidian::col_value].numbers = {std::nullopt, 2.5};
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([&] {
               haidian::check_dataset_table(columns, 2, row_name, "scorecard");
             }) == "scorecard: data row 1, column 'value': 2.5 is a share outside [0, 1] (shares "
                   "are fractions: 0.35 is 35%)");

  // The caller's problem for a cell comes in column order: the bad period of row 0 (checked
  // before source) is reported, not row 0's source.
  columns = two_rows();
  columns[haidian::col_period] = column_of({"２０２０", "2021"});
  columns[haidian::col_source].problems = {"['a list'] is not text"};
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([&] {
               haidian::check_dataset_table(columns, 2, row_name);
             }) == "check_dataset_table: data row 0, column 'period': '２０２０' is not a period: "
                   "must be YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD");
  columns = two_rows();
  columns[haidian::col_source].problems = {"['a list'] is not text"};
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([&] {
               haidian::check_dataset_table(columns, 2, row_name);
             }) == "check_dataset_table: data row 0, column 'source': ['a list'] is not text");

  // Repeats name the caller's rows.
  columns = two_rows();
  columns[haidian::col_period] = column_of({"2020", "2020"});
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([&] {
               haidian::check_dataset_table(columns, 2, row_name);
             }) == "check_dataset_table: data row 1: repeats indicator 'gdp', region 'x', period "
                   "'2020', kind 'level' of data row 0");

  // Codes that do not fit the cells are refused before any row is read.
  columns = two_rows();
  columns[haidian::col_region].codes = {0, 5};
  BOOST_CHECK_THROW(haidian::check_dataset_table(columns, 2, row_name), haidian::invalid_argument);
}

BOOST_AUTO_TEST_CASE(period_years_spans_and_errors) {
  BOOST_TEST((haidian::period_years("2016-2020") == std::pair<int, int>{2016, 2020}));
  BOOST_TEST((haidian::period_years("2023-01-05") == std::pair<int, int>{2023, 2023}));
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([] { haidian::period_years("2024-02-30"); }) ==
             "period_years: period is '2024-02-30', but the day must be 01 to 29");
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_error_naming_the_path) {
  BOOST_CHECK_EXCEPTION(
      haidian::read_dataset_file("/nonexistent/x.csv"), haidian::invalid_argument,
      [](const haidian::invalid_argument& e) {
        return std::string(e.what()) ==
               "read_dataset_file: path is '/nonexistent/x.csv', but the file cannot be opened";
      });
}

BOOST_AUTO_TEST_SUITE_END()
