// Must not compile: a view of a temporary panel, whose values are destroyed at the end of the
// statement (the list would dangle before decompose() reads it). The control names the panel.
#include <haidian/decomposition.hpp>

#include <vector>

namespace {
haidian::Panel ones() { return haidian::Panel::Ones(2, 3); }
}  // namespace

int main() {
#ifdef HAIDIAN_COMPILE_FAIL_CONTROL
  const haidian::Panel x = ones();
  const std::vector<haidian::PanelView> f = {x};
#else
  const std::vector<haidian::PanelView> f = {ones()};
#endif
  return haidian::decompose(f).effects.allFinite() ? 0 : 1;
}
