// Series: periods, units and price bases; growth, CAGR, chain-linking from published growth rates,
// rebasing and deflating. Each result is checked against a hand calculation written next to it.
#include <haidian/series.hpp>

#include "check.hpp"

#include <cstdio>
#include <string>

int main() {
  using haidian::Period;
  using haidian::PriceBasis;
  using haidian::Series;

  // Periods are ordinals: arithmetic within one frequency is integer arithmetic.
  const Period q3 = Period::parse("2022Q3");
  std::printf("%s + 2 quarters = %s\n", q3.to_string().c_str(), (q3 + 2).to_string().c_str());
  example::expect_true("2023Q1 - 2022Q3 is 2 quarters", Period::quarterly(2023, 1) - q3 == 2);

  // Units convert within a dimension: 1 亿元 = 10,000 万元 (国家统计局 conventions).
  example::expect_near("亿元 -> 万元 factor", haidian::Unit("亿元").factor_to("万元"), 1e4, 0.0);

  // Chain-linking (Haidian 2022): GDP was 10,206.9 亿元 at current prices and grew 3.5% at
  // comparable prices. Linking the rate back from the 2022 level gives 2021 at 2022 prices:
  // 10,206.9 / 1.035 = 9,861.74 亿元.
  Eigen::VectorXd rates(1);
  rates << 0.035;
  const Series real_gdp = Series::from_growth(rates, Period::annual(2022), 10206.9, Period::annual(2022),
                                              "亿元", "GDP");
  std::printf("%s, %s, %s prices: %.2f, %.2f\n", real_gdp.name().c_str(), real_gdp.unit().symbol().c_str(),
              real_gdp.price_basis().to_string().c_str(), real_gdp.at(Period::annual(2021)),
              real_gdp.at(Period::annual(2022)));
  example::expect_near("real GDP 2021 at 2022 prices", real_gdp.at(Period::annual(2021)), 10206.9 / 1.035, 1e-9);
  example::expect_true("price basis is comparable 2022", real_gdp.price_basis() == PriceBasis::comparable(2022));
  // Growth of the linked levels gives the published rate back.
  example::expect_near("growth 2022", real_gdp.growth().at(Period::annual(2022)), 0.035, 1e-15);
  // NBS also publishes the rate as an index with the year before = 100 (上年=100): 103.5.
  Eigen::VectorXd index_values(1);
  index_values << 103.5;
  const Series chain_index(index_values, Period::annual(2022), "index");
  const Series from_index = Series::from_index(chain_index, 10206.9, Period::annual(2022), 100.0, "亿元", "GDP");
  example::expect_near("from the index, 2021", from_index.at(Period::annual(2021)), 10206.9 / 1.035, 1e-9);

  // CAGR, and its twin from published annual rates ("N年平均增长", geometric mean, 水平法):
  // 5%, 10% and 3% a year are (1.05 x 1.10 x 1.03)^(1/3) - 1 = 1.18965^(1/3) - 1 = 5.9595% a year.
  Eigen::VectorXd levels(4);
  levels << 100.0, 105.0, 115.5, 118.965;  // 100, x1.05, x1.10, x1.03
  const Series output(levels, Period::annual(2019), "亿元", "output", PriceBasis::comparable(2019));
  const double by_hand = 0.05959460;  // 1.18965^(1/3) - 1, to 8 decimals
  example::expect_near("CAGR 2019-2022", output.cagr(Period::annual(2019), Period::annual(2022)), by_hand, 5e-9);
  example::expect_near("3-year average growth", output.average_growth(3), by_hand, 5e-9);
  Eigen::VectorXd published(3);
  published << 0.05, 0.10, 0.03;
  example::expect_near("average of published rates", haidian::average_growth(published), by_hand, 5e-9);

  // Rebasing: an index with 2019 = 100.
  const Series index = output.rebase(Period::annual(2019));
  example::expect_near("index 2021 (2019 = 100)", index.at(Period::annual(2021)), 115.5, 1e-12);

  // Deflating: current-price values at 2021 prices with a price index (2021 = 100, 2022 = 102):
  // real 2022 = 9,500 x 100 / 102 = 9,313.73.
  Eigen::VectorXd nominal_values(2), price_values(2);
  nominal_values << 9000.0, 9500.0;
  price_values << 100.0, 102.0;
  const Series nominal(nominal_values, Period::annual(2021), "亿元", "GDP", PriceBasis::current());
  const Series prices(price_values, Period::annual(2021), "index", "GDP deflator");
  const Series real = nominal.deflate(prices, 2021);
  example::expect_near("2022 at 2021 prices", real.at(Period::annual(2022)), 9500.0 * 100.0 / 102.0, 1e-9);
  example::expect_near("real growth 2022", real.growth().at(Period::annual(2022)), 9500.0 / 1.02 / 9000.0 - 1.0,
                       1e-15);

  // Intensities carry their unit: 万吨标准煤 / 亿元 = 吨标准煤/万元 (a factor 1e4 / 1e8 = 1e-4).
  Eigen::VectorXd energy_values(2);
  energy_values << 1200.0, 1210.0;
  const Series energy(energy_values, Period::annual(2021), "万吨标准煤", "energy");
  const Series intensity = energy.ratio(real);
  std::printf("intensity unit: %s (%s)\n", intensity.unit().symbol().c_str(),
              intensity.price_basis().to_string().c_str());
  example::expect_true("unit is 吨标准煤/万元", intensity.unit() == haidian::Unit("吨标准煤/万元"));
  example::expect_near("intensity 2021, t per 万元", intensity.at(Period::annual(2021)), 1200.0 / 9000.0, 1e-15);

  // Mixing price bases is an error, not a silent wrong sum.
  try {
    (void)(nominal + real);
    example::expect_true("current + comparable throws", false);
  } catch (const haidian::unit_error& error) {
    std::printf("error: %s\n", error.what());
  }
  return example::exit_code();
}
