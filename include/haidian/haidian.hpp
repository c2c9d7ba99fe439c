/// @file
/// Umbrella header: everything haidian offers, for `#include <haidian/haidian.hpp>`.
#pragma once

#include <haidian/dataset.hpp>
#include <haidian/decomposition.hpp>
#include <haidian/decoupling.hpp>
#include <haidian/config.hpp>
#include <haidian/errors.hpp>
#include <haidian/footprint.hpp>
#include <haidian/io_table.hpp>
#include <haidian/leontief.hpp>
#include <haidian/log_mean.hpp>
#include <haidian/panel.hpp>
#include <haidian/period.hpp>
#include <haidian/price_basis.hpp>
#include <haidian/sda.hpp>
#include <haidian/series.hpp>
#include <haidian/simd.hpp>
#include <haidian/sparse_leontief.hpp>
#include <haidian/unit.hpp>
#include <haidian/targets.hpp>
#include <haidian/version.hpp>
