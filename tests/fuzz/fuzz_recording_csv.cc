// Fuzz target: ParseCsvRecording with a few columns and limits. Properties:
// samples are finite and at most `limit`, errors start with the source name,
// and a limited read is a prefix of the full read when both succeed.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "daemon/io/recording_reader.h"
#include "tests/fuzz/fuzz_check.h"

using shapewatch::fuzz::FuzzCheck;

namespace {

constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();

shapewatch::Result<std::vector<double>> Parse(std::string_view text, std::string_view column,
                                              std::size_t limit) {
  auto r = shapewatch::ParseCsvRecording(text, column, limit, "fuzz.csv");
  if (!r.ok()) {
    FuzzCheck(r.error().rfind("fuzz.csv", 0) == 0, "an error starts with the source");
    return r;
  }
  FuzzCheck(r->size() <= limit, "at most `limit` samples");
  for (double v : *r) FuzzCheck(std::isfinite(v), "samples are finite");
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = shapewatch::fuzz::AsText(data, size);
  for (std::string_view column : {"0", "1", "value", "99999999999999999999"}) {
    const auto full = Parse(text, column, kAll);
    const auto limited = Parse(text, column, 3);
    if (full.ok() && limited.ok()) {
      FuzzCheck(std::equal(limited->begin(), limited->end(), full->begin(),
                           full->begin() + std::min<std::size_t>(3, full->size())) &&
                    limited->size() == std::min<std::size_t>(3, full->size()),
                "a limited read is a prefix of the full read");
    }
  }
  Parse(text, "0", 0);
  return 0;
}
