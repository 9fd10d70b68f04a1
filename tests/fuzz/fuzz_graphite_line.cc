// Fuzz target: ParseGraphiteLine on one line. Properties: it never crashes,
// an accepted sample has a finite value and a 1..kMaxSeriesNameLength byte
// printable name that points into the line, a refusal has a reason that is
// not kLineTooLong (the splitter's) and a message.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <variant>

#include "daemon/ingest/graphite_line_parser.h"
#include "tests/fuzz/fuzz_check.h"

using shapewatch::fuzz::FuzzCheck;

namespace {

void CheckSample(const shapewatch::GraphiteSample& s, std::string_view line) {
  FuzzCheck(std::isfinite(s.value), "accepted value is finite");
  FuzzCheck(!s.timestamp || std::isfinite(*s.timestamp), "accepted timestamp is finite");
  FuzzCheck(!s.name.empty() && s.name.size() <= shapewatch::kMaxSeriesNameLength,
            "name length within 1..kMaxSeriesNameLength");
  FuzzCheck(
      s.name.data() >= line.data() && s.name.data() + s.name.size() <= line.data() + line.size(),
      "name points into the line");
  for (char c : s.name) FuzzCheck(c > ' ' && c < 0x7f, "name is printable ASCII");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line = shapewatch::fuzz::AsText(data, size);
  const shapewatch::ParsedLine parsed = shapewatch::ParseGraphiteLine(line);
  if (const auto* sample = std::get_if<shapewatch::GraphiteSample>(&parsed)) {
    CheckSample(*sample, line);
  } else {
    const auto& failure = std::get<shapewatch::ParseFailure>(parsed);
    FuzzCheck(failure.reason != shapewatch::ParseError::kLineTooLong,
              "the parser never reports line_too_long");
    FuzzCheck(!failure.message.empty(), "a refusal has a message");
    FuzzCheck(!shapewatch::ParseErrorLabel(failure.reason).empty(), "reason has a label");
  }
  return 0;
}
