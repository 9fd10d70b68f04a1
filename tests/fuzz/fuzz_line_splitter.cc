// Fuzz target: LineSplitter then ParseGraphiteLine, as a TCP session does.
// The first byte picks the maximum line length, the second the chunk size.
// Properties: lines hold no '\n' and respect the maximum, and feeding the
// stream in chunks gives the same events as feeding it whole.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/ingest/graphite_line_parser.h"
#include "daemon/ingest/line_splitter.h"
#include "tests/fuzz/fuzz_check.h"

using shapewatch::fuzz::FuzzCheck;

namespace {

// Each event: a line's text, or "\n" for a line too long (never a real line).
std::vector<std::string> Split(std::string_view stream, std::size_t max_len, std::size_t chunk) {
  shapewatch::LineSplitter splitter(max_len);
  std::vector<std::string> events;
  auto on_line = [&](std::string_view line) {
    FuzzCheck(line.find('\n') == std::string_view::npos, "a line holds no newline");
    FuzzCheck(line.size() <= max_len, "a line respects the maximum length");
    shapewatch::ParseGraphiteLine(line);
    events.emplace_back(line);
  };
  auto on_too_long = [&] { events.emplace_back("\n"); };
  for (std::size_t at = 0; at < stream.size(); at += chunk) {
    splitter.Feed(stream.substr(at, chunk), on_line, on_too_long);
  }
  splitter.Finish(on_line);
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t max_len = 1 + data[0] % 128;
  const std::size_t chunk = 1 + data[1] % 32;
  const std::string_view stream = shapewatch::fuzz::AsText(data + 2, size - 2);
  const std::vector<std::string> whole = Split(stream, max_len, stream.size() + 1);
  FuzzCheck(Split(stream, max_len, chunk) == whole, "chunked feeding changes nothing");
  return 0;
}
