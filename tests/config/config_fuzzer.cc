// libFuzzer target for the configuration parser (Clang only; see
// CMakeLists.txt). Seed it with config/shapewatch.example.yaml.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/daemon_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  shapewatch::Result<shapewatch::DaemonConfig> config =
      shapewatch::ParseDaemonConfig(text, "fuzz.yaml");
  if (!config.ok() && config.error().rfind("fuzz.yaml", 0) != 0) {
    __builtin_trap();  // every error must name the file
  }
  return 0;
}
