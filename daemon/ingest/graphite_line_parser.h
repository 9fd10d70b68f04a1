// Parses one line of the Graphite plaintext protocol:
//   <path> <value> <timestamp>
// Fields are separated by runs of spaces or tabs; a trailing '\r' is
// ignored. The value is a decimal or scientific number; the timestamp is
// seconds since the epoch, integer or fractional, or -1 for "now".
// A series name is 1..kMaxSeriesNameLength bytes of printable ASCII: it
// becomes a Prometheus label value, and printable ASCII keeps that valid
// UTF-8 without validating it, while the cap bounds the memory that
// max_series names can take.
//
// Pure functions, no state: thread-safe. The fuzz entry point.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace shapewatch {

inline constexpr std::size_t kMaxSeriesNameLength = 255;

// Why a line was refused; each one is a value of the `reason` metric label.
enum class ParseError : std::uint8_t {
  kMissingField,
  kExtraField,
  kBadValue,
  kNonFinite,
  kBadTimestamp,
  kBadName,
  kLineTooLong,  // found by the line splitter, never by ParseGraphiteLine
};
inline constexpr std::size_t kParseErrorCount = 7;

// "missing_field", "extra_field", ...: the metric label of `error`.
std::string_view ParseErrorLabel(ParseError error);

struct GraphiteSample {
  std::string_view name;            // points into the parsed line
  double value = 0.0;               // finite
  std::optional<double> timestamp;  // seconds; nullopt: sent as -1, "now"
};

struct ParseFailure {
  ParseError reason;
  std::string message;  // human text naming the offending field
};

using ParsedLine = std::variant<GraphiteSample, ParseFailure>;

// Parses `line` (without its '\n'). Never throws.
ParsedLine ParseGraphiteLine(std::string_view line);

}  // namespace shapewatch
