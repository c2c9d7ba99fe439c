// A consumer of the installed or sub-project haidian: includes the umbrella header and computes.
#include <haidian/haidian.hpp>

#include <cstdio>

int main() {
  std::printf("haidian %s\n", haidian::version_string);
  return 0;
}
