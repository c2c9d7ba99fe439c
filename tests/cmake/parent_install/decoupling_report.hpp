// The parent's library: its interface uses haidian's types, so its users need haidian's headers.
#pragma once

#include <haidian/decoupling.hpp>

/// Tapio decoupling of a resource that grows by resource_growth while output grows by output_growth.
haidian::TapioResult decoupling_of(double resource_growth, double output_growth);
