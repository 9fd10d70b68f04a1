// Glob matching of series names, in O(|pattern| x |name|) at worst: one
// backtrack point (the latest '*') is enough, because a later '*' can absorb
// anything an earlier one could, so pathological patterns cannot blow up.
#include "config/daemon_config.h"

namespace shapewatch {

bool GlobMatch(std::string_view pattern, std::string_view name) {
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t p = 0, n = 0;
  std::size_t star = kNone, star_n = 0;  // latest '*' and where its match ends
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_n = n;
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (star != kNone) {
      p = star + 1;  // let the latest '*' swallow one more character
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace shapewatch
