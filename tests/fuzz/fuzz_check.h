// FuzzCheck: how fuzz targets report a broken property. Prints what broke and
// aborts, which libFuzzer and fuzz_driver_main.cc both treat as a crash and
// save the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace shapewatch::fuzz {

inline void FuzzCheck(bool ok, std::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

inline std::string_view AsText(const unsigned char* data, std::size_t size) {
  return size == 0 ? std::string_view()
                   : std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace shapewatch::fuzz
