#include "decoupling_report.hpp"

haidian::TapioResult decoupling_of(double resource_growth, double output_growth) {
  return haidian::tapio(resource_growth, output_growth);
}
