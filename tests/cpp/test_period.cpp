// Period and frequency: parsing and printing in pandas' forms, ordinal arithmetic, and bad input.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/period.hpp>

#include <string>

using haidian::Frequency;
using haidian::Period;
using haidian_test::message_of;

BOOST_AUTO_TEST_SUITE(period)

BOOST_AUTO_TEST_CASE(parse_and_print_round_trip_in_pandas_forms) {
  // pandas prints Period("2022", "Y") as 2022, Period("2022Q3") as 2022Q3 and Period("2022-07", "M") as 2022-07.
  for (const char* text : {"2022", "2022Q3", "2022-07", "0001", "9999-12", "1949Q4"}) {
    BOOST_TEST(Period::parse(text).to_string() == text);
  }
  BOOST_TEST(Period::parse("2022-Q3").to_string() == "2022Q3");
  BOOST_TEST(Period::parse("2022q3").to_string() == "2022Q3");
  BOOST_TEST(Period::parse("2022M7").to_string() == "2022-07");
  BOOST_TEST(Period::parse(" 2022 ").to_string() == "2022");
}

BOOST_AUTO_TEST_CASE(ordinals_year_and_subperiod) {
  const Period q = Period::quarterly(2022, 3);
  BOOST_TEST(q.ordinal() == 2022 * 4 + 2);
  BOOST_TEST(q.year() == 2022);
  BOOST_TEST(q.subperiod() == 3);
  const Period m = Period::monthly(2022, 7);
  BOOST_TEST(m.ordinal() == 2022 * 12 + 6);
  BOOST_TEST(m.subperiod() == 7);
  BOOST_TEST(Period::annual(2022).ordinal() == 2022);
  BOOST_TEST(Period::first_of_year(Frequency::monthly, 2020).to_string() == "2020-01");
}

BOOST_AUTO_TEST_CASE(arithmetic_crosses_year_boundaries) {
  BOOST_TEST((Period::quarterly(2022, 4) + 1).to_string() == "2023Q1");
  BOOST_TEST((Period::monthly(2023, 1) - 1).to_string() == "2022-12");
  BOOST_TEST((Period::monthly(2023, 1) - Period::monthly(2021, 11)) == 14);
  BOOST_TEST((Period::annual(2015) - Period::annual(2004)) == 11);
  BOOST_TEST((Period::quarterly(2020, 1) + 4 * 3 + 2).to_string() == "2023Q3");
}

BOOST_AUTO_TEST_CASE(comparison_within_and_across_frequencies) {
  BOOST_TEST(Period::annual(2020) < Period::annual(2021));
  BOOST_TEST(Period::annual(2021) >= Period::annual(2021));
  BOOST_TEST(!(Period::annual(2022) == Period::quarterly(2022, 1)));
  BOOST_CHECK_THROW((void)(Period::annual(2022) < Period::quarterly(2022, 1)), haidian::unit_error);
  BOOST_CHECK_THROW((void)(Period::annual(2022) - Period::monthly(2022, 1)), haidian::unit_error);
}

BOOST_AUTO_TEST_CASE(frequency_codes_including_pandas_spellings) {
  for (const char* text : {"A", "Y", "Y-DEC", "A-DEC", "YE", "annual", "a"}) {
    BOOST_TEST(static_cast<int>(haidian::parse_frequency(text)) == static_cast<int>(Frequency::annual));
  }
  for (const char* text : {"Q", "Q-DEC", "QE", "quarterly"}) {
    BOOST_TEST(static_cast<int>(haidian::parse_frequency(text)) == static_cast<int>(Frequency::quarterly));
  }
  for (const char* text : {"M", "ME", "monthly"}) {
    BOOST_TEST(static_cast<int>(haidian::parse_frequency(text)) == static_cast<int>(Frequency::monthly));
  }
  BOOST_TEST(haidian::periods_per_year(Frequency::quarterly) == 4);
  BOOST_TEST(std::string(haidian::frequency_code(Frequency::monthly)) == "M");
}

BOOST_AUTO_TEST_CASE(unknown_frequency_is_rejected_with_its_text) {
  const auto text = message_of<haidian::invalid_argument>([] { haidian::parse_frequency("W"); });
  BOOST_TEST(text.rfind("parse_frequency: freq is 'W', but must be one of", 0) == 0);
  // A fiscal year ending in March is not a calendar frequency.
  BOOST_CHECK_THROW(haidian::parse_frequency("Q-MAR"), haidian::invalid_argument);
  BOOST_CHECK_THROW(haidian::parse_frequency(""), haidian::invalid_argument);
}

BOOST_AUTO_TEST_CASE(bad_period_text_and_ranges) {
  for (const char* text : {"22", "2022Q5", "2022Q0", "2022-13", "2022-00", "20220", "abcd", "2022-", "2022Q12", ""}) {
    BOOST_CHECK_THROW(Period::parse(text), haidian::invalid_argument);
  }
  BOOST_TEST(message_of<haidian::invalid_argument>([] { Period::parse("2022Q5"); }).rfind(
                 "Period.parse: text is '2022Q5', but must look like", 0) == 0);
  BOOST_CHECK_THROW(Period::annual(0), haidian::invalid_argument);
  BOOST_CHECK_THROW(Period::annual(10000), haidian::invalid_argument);
  BOOST_CHECK_THROW(Period::quarterly(2022, 5), haidian::invalid_argument);
  BOOST_CHECK_THROW(Period::monthly(2022, 0), haidian::invalid_argument);
  BOOST_CHECK_THROW(Period::annual(9999) + 1, haidian::invalid_argument);
  BOOST_TEST(message_of<haidian::invalid_argument>([] { Period::annual(10000); }) ==
             "Period::annual: year is 10000, but must be within 1..9999");
}

BOOST_AUTO_TEST_CASE(parse_with_a_required_frequency) {
  BOOST_TEST(Period::parse("2022", Frequency::quarterly).to_string() == "2022Q1");
  BOOST_TEST(Period::parse("2022", Frequency::monthly).to_string() == "2022-01");
  BOOST_TEST(Period::parse("2022Q2", Frequency::quarterly).to_string() == "2022Q2");
  BOOST_CHECK_THROW(Period::parse("2022Q3", Frequency::annual), haidian::unit_error);
  BOOST_CHECK_THROW(Period::parse("2022-07", Frequency::quarterly), haidian::unit_error);
}

BOOST_AUTO_TEST_SUITE_END()
