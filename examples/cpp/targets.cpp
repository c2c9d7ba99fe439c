// Target arithmetic: intensity change from growth rates, cumulative <-> annual rates, progress against
// a five-year target, the resource cap a target implies, and checking published figures for consistency.
#include <haidian/targets.hpp>

#include "check.hpp"

#include <cmath>
#include <cstdio>

int main() {
  // Intensity I = R / Y at comparable prices, so 1 + r = (1 + g_R) / (1 + g_Y).
  // China 2021 (NBS communiqué): GDP +8.1%, energy +5.2%, energy per 万元 GDP published as -2.7%.
  const double china_2021 = haidian::intensity_change(0.052, 0.081);
  example::expect_near("China 2021 intensity change", china_2021, -0.027, 0.0005);  // to the published digit
  // Haidian 2022 the other way round: GDP +3.5% and intensity -3% mean energy +0.395%.
  example::expect_near("Haidian 2022 energy growth", haidian::implied_resource_growth(0.035, -0.03), 0.00395, 1e-15);

  // The 14th five-year plan cuts energy intensity by 13.5% over 2021-2025: (1 - 0.135)^(1/5) - 1 a year.
  const double per_year = haidian::annual_rate(-0.135, 5);
  example::expect_near("13.5% over five years, per year", per_year, std::pow(0.865, 0.2) - 1.0, 1e-15);
  example::expect_near("and back", haidian::cumulative_change(per_year, 5), -0.135, 1e-15);

  // Progress after 2021's -2.7%: the even path is at -2.859%, so the plan is behind schedule, and
  // the four remaining years need (0.865 / 0.973)^(1/4) - 1 a year.
  Eigen::ArrayXd achieved(1);
  achieved << -0.027;
  const haidian::TargetProgressResult progress = haidian::target_progress(-0.135, 5, achieved);
  example::expect_true("behind schedule after 2021", !progress.on_schedule);
  example::expect_near("needed per year, 2022-2025", *progress.required_annual,
                       std::pow(0.865 / 0.973, 0.25) - 1.0, 1e-15);
  example::expect_near("share of the target done", progress.share_of_target, 0.027 / 0.135, 1e-15);

  // The cap on energy use a target implies: base 1,000 (万吨标准煤), output +5% then +4%,
  // intensity -3% a year: 1000 x 1.05 x 0.97 = 1018.5, then x 1.04 x 0.97 = 1027.46.
  Eigen::ArrayXd output_growth(2), intensity_change(2);
  output_growth << 0.05, 0.04;
  intensity_change << -0.03, -0.03;
  const Eigen::ArrayXd cap = haidian::resource_cap(1000.0, output_growth, intensity_change);
  example::expect_near("cap, year 1", cap[0], 1000.0 * 1.05 * 0.97, 1e-12);
  example::expect_near("cap, year 2", cap[1], 1000.0 * 1.05 * 0.97 * 1.04 * 0.97, 1e-12);

  // Are published figures consistent up to their rounding? Beijing 2020: GDP +1.2%, energy -8.1%,
  // intensity -9.18% (NBS/NDRC/NEA bulletin of 2021-08-23). Each number is within half a unit of its
  // last digit of the truth, so the implied -9.19% and the published -9.18% can both be right.
  const auto beijing = haidian::check_consistency(0.012, -0.081, -0.0918, 0.0005, 0.0005, 0.00005);
  std::printf("Beijing 2020: implied %.4f%%, possible %.4f%% .. %.4f%%\n", 100 * beijing.implied_change,
              100 * beijing.lower, 100 * beijing.upper);
  example::expect_near("implied intensity change", beijing.implied_change, 0.919 / 1.012 - 1.0, 1e-15);
  example::expect_true("consistent", beijing.consistent);
  // GDP +5% with energy +2% cannot give -5%: the implied change is -2.86%.
  const auto wrong = haidian::check_consistency(0.05, 0.02, -0.05, 0.0005, 0.0005, 0.0005);
  example::expect_true("GDP +5%, energy +2%, intensity -5% is inconsistent", !wrong.consistent);
  return example::exit_code();
}
