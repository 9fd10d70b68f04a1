#include "daemon/ingest/graphite_line_parser.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace shapewatch {
namespace {

constexpr std::size_t kQuoteLimit = 64;

bool IsSeparator(char c) { return c == ' ' || c == '\t'; }
bool IsNameByte(char c) { return c > 0x20 && c < 0x7f; }

// 'text' for messages: truncated, control and non-ASCII bytes as \xNN so a
// log line stays one printable line.
std::string Quote(std::string_view text) {
  std::string out = "'";
  for (char c : text.substr(0, kQuoteLimit)) {
    if (c >= 0x20 && c < 0x7f) {
      out += c;
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
      out += hex;
    }
  }
  if (text.size() > kQuoteLimit) out += "...";
  return out + "'";
}

ParseFailure Fail(ParseError reason, std::string message) {
  return ParseFailure{reason, std::move(message)};
}

// Splits into at most four fields: the fourth only tells that there are
// too many.
struct Fields {
  std::array<std::string_view, 4> field;
  std::size_t count = 0;
};

Fields Split(std::string_view line) {
  Fields fields;
  std::size_t i = 0;
  while (fields.count < fields.field.size()) {
    while (i < line.size() && IsSeparator(line[i])) ++i;
    if (i == line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && !IsSeparator(line[i])) ++i;
    fields.field[fields.count++] = line.substr(start, i - start);
  }
  return fields;
}

enum class NumberStatus { kOk, kInvalid, kOverflow };

// from_chars reports both overflow and underflow as out of range;
// strtod (on the already validated text) tells them apart and rounds an
// underflow to zero or a subnormal. Rare, so the copy does not matter.
NumberStatus ParseOutOfRange(std::string_view text, double& out) {
  const std::string copy(text);
  const double value = std::strtod(copy.c_str(), nullptr);
  if (std::isinf(value)) return NumberStatus::kOverflow;
  out = value;
  return NumberStatus::kOk;
}

NumberStatus ParseNumber(std::string_view text, double& out) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-' && text[1] != '+') {
    text.remove_prefix(1);  // from_chars refuses a leading '+'
  }
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  if (ptr != end || ec == std::errc::invalid_argument) return NumberStatus::kInvalid;
  if (ec == std::errc::result_out_of_range) return ParseOutOfRange(text, out);
  return NumberStatus::kOk;
}

std::optional<ParseFailure> CheckName(std::string_view name) {
  if (name.size() > kMaxSeriesNameLength) {
    return Fail(ParseError::kBadName, "series name of " + std::to_string(name.size()) +
                                          " bytes is longer than " +
                                          std::to_string(kMaxSeriesNameLength));
  }
  for (char c : name) {
    if (!IsNameByte(c)) {
      return Fail(ParseError::kBadName,
                  "series name " + Quote(name) + " holds a control or non-ASCII byte");
    }
  }
  return std::nullopt;
}

std::variant<double, ParseFailure> ParseValue(std::string_view text) {
  double value = 0.0;
  switch (ParseNumber(text, value)) {
    case NumberStatus::kInvalid:
      return Fail(ParseError::kBadValue, "value " + Quote(text) + " is not a number");
    case NumberStatus::kOverflow:
      return Fail(ParseError::kNonFinite, "value " + Quote(text) + " overflows a double");
    case NumberStatus::kOk:
      break;
  }
  if (!std::isfinite(value)) {
    return Fail(ParseError::kNonFinite, "value " + Quote(text) + " is not finite");
  }
  return value;
}

std::variant<std::optional<double>, ParseFailure> ParseTimestamp(std::string_view text) {
  double seconds = 0.0;
  if (ParseNumber(text, seconds) != NumberStatus::kOk || !std::isfinite(seconds)) {
    return Fail(ParseError::kBadTimestamp,
                "timestamp " + Quote(text) + " is not a finite number of seconds");
  }
  if (seconds == -1.0) return std::optional<double>();
  if (seconds < 0.0) {
    return Fail(ParseError::kBadTimestamp,
                "timestamp " + Quote(text) + " is negative (only -1, meaning now, is)");
  }
  return std::optional<double>(seconds);
}

std::optional<ParseFailure> CheckFieldCount(const Fields& fields) {
  if (fields.count < 3) {
    return Fail(ParseError::kMissingField, "expected '<path> <value> <timestamp>', got " +
                                               std::to_string(fields.count) + " field(s)");
  }
  if (fields.count > 3) {
    return Fail(ParseError::kExtraField,
                "unexpected field " + Quote(fields.field[3]) + " after the timestamp");
  }
  return std::nullopt;
}

}  // namespace

std::string_view ParseErrorLabel(ParseError error) {
  switch (error) {
    case ParseError::kMissingField:
      return "missing_field";
    case ParseError::kExtraField:
      return "extra_field";
    case ParseError::kBadValue:
      return "bad_value";
    case ParseError::kNonFinite:
      return "non_finite";
    case ParseError::kBadTimestamp:
      return "bad_timestamp";
    case ParseError::kBadName:
      return "bad_name";
    case ParseError::kLineTooLong:
      return "line_too_long";
  }
  return "unknown";
}

ParsedLine ParseGraphiteLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const Fields fields = Split(line);
  if (auto failure = CheckFieldCount(fields)) return std::move(*failure);
  if (auto failure = CheckName(fields.field[0])) return std::move(*failure);
  auto value = ParseValue(fields.field[1]);
  if (auto* failure = std::get_if<ParseFailure>(&value)) return std::move(*failure);
  auto timestamp = ParseTimestamp(fields.field[2]);
  if (auto* failure = std::get_if<ParseFailure>(&timestamp)) return std::move(*failure);
  return GraphiteSample{fields.field[0], std::get<double>(value),
                        std::get<std::optional<double>>(timestamp)};
}

}  // namespace shapewatch
