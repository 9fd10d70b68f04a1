// libFuzzer target for ParseGraphiteLine (built with Clang only):
//   cmake -DCMAKE_CXX_COMPILER=clang++ ... && ninja graphite_line_parser_fuzzer
//   ./graphite_line_parser_fuzzer -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/ingest/graphite_line_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto parsed = shapewatch::ParseGraphiteLine(line);
  if (const auto* sample = std::get_if<shapewatch::GraphiteSample>(&parsed)) {
    if (sample->name.empty() || sample->name.size() > shapewatch::kMaxSeriesNameLength) {
      __builtin_trap();
    }
  }
  return 0;
}
