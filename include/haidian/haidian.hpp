/// @file
/// Umbrella header: everything haidian offers, for `#include <haidian/haidian.hpp>`.
#pragma once

#include <haidian/errors.hpp>
#include <haidian/version.hpp>
