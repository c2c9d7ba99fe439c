// The tidy-table reader: the bundled Haidian 2022 file reads back with the figures the article states,
// and every kind of bad file is rejected with a message naming the line and the column.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/dataset.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string bundled_path = std::string(HAIDIAN_TEST_DATA_DIR) + "/haidian_2022.csv";
const std::string header =
    "indicator,region,period,value,unit,price_basis,kind,source,label_zh,relative_to,qualifier,"
    "source_line\n";

std::vector<haidian::DataRow> read_text(const std::string& text) {
  std::istringstream in(text);
  return haidian::read_dataset(in, "t.csv");
}

// A bad file and the whole message its rejection must carry.
struct Rejection {
  std::string text;
  std::string message;
};

// Each file must be rejected with an invalid_argument carrying exactly its message.
void check_rejections(const std::vector<Rejection>& cases) {
  for (const auto& c : cases) {
    BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([&] { read_text(c.text); }) ==
               c.message);
  }
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
  // Expected figures typed from the article (/work/shared/seed), independently of the CSV file.
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

BOOST_AUTO_TEST_CASE(errors_name_the_line_and_the_column) {
  const std::string row = "gdp,x,2021,1,亿元,current,level,s,,,,\n";
  check_rejections({
      {header + "gdp,x,2021,abc,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'value': 'abc' is not a number"},
      {header + row + "gdp,x,2021,nan,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 3, column 'value': 'nan' is not a number"},
      {header + "gdp,x,2021,1e999,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'value': inf is not finite"},
      {header + "GDP,x,2021,1,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'indicator': 'GDP' is not a snake_case id "
       "([a-z][a-z0-9_]*)"},
      {header + "gdp,,2021,1,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'region': '' is not a snake_case id "
       "([a-z][a-z0-9_]*)"},
      {header + "gdp,x,2020-2016,1,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'period': '2020-2016' is not a period: the span "
       "must end after it starts"},
      {header + "gdp,x,2023-02-29,1,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'period': '2023-02-29' is not a period: the day "
       "must be 01 to 28"},
      {header + "gdp,x,2023-13,1,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'period': '2023-13' is not a period: the month "
       "must be 01 to 12"},
      {header + "gdp,x,FY22,1,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'period': 'FY22' is not a period: must be YYYY, "
       "YYYY-YYYY, YYYY-MM or YYYY-MM-DD"},
      {header + "gdp,x,2021,1,亿元,current,stock,s,,,,\n",
       "read_dataset: t.csv line 2, column 'kind': 'stock' is not one of level, growth, "
       "share, count, rank"},
      {header + "gdp,x,2021,1,,current,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'unit': is empty"},
      {header + "gdp,x,2021,1,亿元,nominal,level,s,,,,\n",
       "read_dataset: t.csv line 2, column 'price_basis': 'nominal' is not one of current, "
       "comparable or empty"},
      {header + "gdp,x,2021,1,亿元,current,level,s,,,roughly,\n",
       "read_dataset: t.csv line 2, column 'qualifier': 'roughly' is not one of exact, "
       "approx, at_least, at_most"},
      {header + "gdp,x,2021,1,亿元,current,level,s,,,,0\n",
       "read_dataset: t.csv line 2, column 'source_line': '0' is not a line number (>= 1)"},
  });
}

BOOST_AUTO_TEST_CASE(growth_and_share_must_be_fractions_and_ranks_integers) {
  // The common mistake: a percentage written as 3.5 with unit "%".
  check_rejections({
      {header + "gdp,x,2021,3.5,%,comparable,growth,s,,,,\n",
       "read_dataset: t.csv line 2, column 'unit': '%' for a growth, but it must be "
       "'fraction'"},
      {header + "gdp,x,2021,35,fraction,,share,s,,,,\n",
       "read_dataset: t.csv line 2, column 'value': 35 is a share outside [0, 1] (shares are "
       "fractions: 0.35 is 35%)"},
      {header + "gdp,x,2021,-1,fraction,,growth,s,,,,\n",
       "read_dataset: t.csv line 2, column 'value': -1 is a growth rate of -100% or less "
       "(growth is a fraction: -0.05 is -5%)"},
      {header + "gdp,x,2021,1.5,rank,,rank,s,,,,\n",
       "read_dataset: t.csv line 2, column 'value': 1.5 is not a rank (an integer >= 1)"},
      {header + "gdp,x,2021,-2,firms,,count,s,,,,\n",
       "read_dataset: t.csv line 2, column 'value': -2 is a negative count"},
  });
}

BOOST_AUTO_TEST_CASE(structural_errors_name_the_line) {
  check_rejections({
      {"", "read_dataset: t.csv is empty (it needs a header line)"},
      {header, "read_dataset: t.csv has a header but no data rows"},
      {"indicator,region,period,unit,kind\n",
       "read_dataset: t.csv line 1: the header lacks columns 'value', 'price_basis', 'source'"},
      {"indicator,region,period,value,unit,price_basis,kind,source,unit\n",
       "read_dataset: t.csv line 1: column 'unit' appears twice in the header"},
      {header + "gdp,x,2021,1,亿元,current,level\n",
       "read_dataset: t.csv line 2: has 7 fields but the header has 12"},
      {header + "gdp,x,2021,1,亿元,current,level,\"open,,,,\n",
       "read_dataset: t.csv line 2: a quoted field is not closed"},
      {header + "gdp,x,2021,1,亿元,current,level,say \"hi\",,,,\n",
       "read_dataset: t.csv line 2: a quote inside an unquoted field (quote the whole field "
       "and double the quote)"},
      {header + "gdp,x,2021,1,亿元,current,level,\"a\"b,,,,\n",
       "read_dataset: t.csv line 2: unexpected text after a closing quote"},
      {header + "gdp,x,2021,1,亿元,current,level,s,,,,\n"
                "gdp,x,2021,2,亿元,current,level,t,,,,\n",
       "read_dataset: t.csv line 3: repeats indicator 'gdp', region 'x', period '2021', kind "
       "'level' of t.csv line 2"},
  });
}

BOOST_AUTO_TEST_CASE(line_numbers_count_newlines_inside_quoted_fields) {
  // The second record starts on line 2 and spans two lines, so the bad third record is on line 4.
  check_rejections({
      {header + "gdp,x,2021,1,亿元,current,level,\"two\nlines\",,,,\n"
                "gdp,x,2022,bad,亿元,current,level,s,,,,\n",
       "read_dataset: t.csv line 4, column 'value': 'bad' is not a number"},
  });
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
