// haidian in a program built with -fno-exceptions: the whole library compiles, and an error goes to the
// handler installed with haidian::set_error_handler (then the program aborts if the handler returns).
//   no_exceptions handler  -> the handler checks the message and kind and ends the program with 0
//   no_exceptions default  -> no handler: the message goes to stderr and the program aborts
// Either way, a program that carries on after the error exits with 1.
#include <haidian/haidian.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

constexpr const char* expected_prefix = "convert: unit 't' ";

void exit_through_handler(const char* what, haidian::errc code) {
  const bool ok = std::strncmp(what, expected_prefix, std::strlen(expected_prefix)) == 0 &&
                  std::strstr(what, "cannot be converted to") != nullptr &&
                  code == haidian::errc::unit_error;
  std::printf("handler saw \"%s\" (%s)\n", what, ok ? "as expected" : "NOT as expected");
  std::fflush(stdout);
  std::exit(ok ? 0 : 2);
}

}  // namespace

int main(int argc, char** argv) {
  const bool with_handler = argc > 1 && std::strcmp(argv[1], "handler") == 0;
  if (with_handler) haidian::set_error_handler(exit_through_handler);
  const auto tonnes = haidian::Unit::parse("t");
  const auto area = haidian::Unit::parse("km2");
  const double factor = tonnes.factor_to(area, "convert");  // mass to area: an error
  std::printf("no error raised: factor %g\n", factor);
  return 1;
}
