// Fuzz target: ParseDaemonConfig on YAML text. Properties: it never throws
// or crashes, and every error starts with the file name.
#include <cstddef>
#include <cstdint>

#include "config/daemon_config.h"
#include "tests/fuzz/fuzz_check.h"

using shapewatch::fuzz::FuzzCheck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml = shapewatch::fuzz::AsText(data, size);
  try {
    const auto config = shapewatch::ParseDaemonConfig(yaml, "fuzz.yaml");
    if (!config.ok()) {
      FuzzCheck(config.error().rfind("fuzz.yaml", 0) == 0, "an error starts with the file name");
    }
  } catch (...) {
    FuzzCheck(false, "ParseDaemonConfig threw");
  }
  return 0;
}
