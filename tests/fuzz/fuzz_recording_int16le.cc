// Fuzz target: ParseInt16leRecording. Properties: without a limit it accepts
// exactly the non-empty, even-sized inputs and decodes every sample; errors
// start with the source name; a limit caps the count.
#include <cstddef>
#include <cstdint>
#include <limits>

#include "daemon/io/recording_reader.h"
#include "tests/fuzz/fuzz_check.h"

using shapewatch::fuzz::FuzzCheck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = shapewatch::fuzz::AsText(data, size);
  const auto all =
      shapewatch::ParseInt16leRecording(bytes, std::numeric_limits<std::size_t>::max(), "fuzz.raw");
  FuzzCheck(all.ok() == (size > 0 && size % 2 == 0), "accepts exactly non-empty even sizes");
  if (!all.ok()) {
    FuzzCheck(all.error().rfind("fuzz.raw", 0) == 0, "an error starts with the source");
    return 0;
  }
  FuzzCheck(all->size() == size / 2, "one sample per 2 bytes");
  for (std::size_t i = 0; i < all->size(); ++i) {
    const auto raw = static_cast<std::int16_t>(data[2 * i] | (data[2 * i + 1] << 8));
    FuzzCheck((*all)[i] == raw, "samples decode little-endian");
  }
  const auto few = shapewatch::ParseInt16leRecording(bytes, 5, "fuzz.raw");
  FuzzCheck(few.ok() && few->size() == std::min<std::size_t>(5, size / 2), "limit caps");
  return 0;
}
