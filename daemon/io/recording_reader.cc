#include "daemon/io/recording_reader.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "daemon/io/file_io.h"

namespace shapewatch {
namespace {

std::string At(std::string_view source, std::size_t line) {
  return std::string(source) + ":" + std::to_string(line) + ": ";
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view Unquote(std::string_view s) {
  s = Trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The whole field as a number; out-of-range values come back as infinity so
// that they are reported as not finite. nullopt when it is not a number.
std::optional<double> ParseNumber(std::string_view field) {
  field = Trim(field);
  if (field.size() > 1 && field.front() == '+' && field[1] != '-') field.remove_prefix(1);
  double value = 0.0;
  const char* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, value);
  if (ptr != end || field.empty()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return HUGE_VAL;
  if (ec != std::errc()) return std::nullopt;
  return value;
}

void SplitFields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  for (;;) {
    const std::size_t comma = line.find(',');
    fields.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) return;
    line.remove_prefix(comma + 1);
  }
}

// Yields lines without their "\n" or "\r\n", numbered from 1.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : rest_(text) {}

  bool Next(std::string_view& line) {
    if (done_) return false;
    const std::size_t newline = rest_.find('\n');
    line = rest_.substr(0, newline);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    done_ = newline == std::string_view::npos;
    if (!done_) rest_.remove_prefix(newline + 1);
    ++number_;
    return true;
  }
  std::size_t number() const { return number_; }

 private:
  std::string_view rest_;
  std::size_t number_ = 0;
  bool done_ = false;
};

bool IsHeader(const std::vector<std::string_view>& fields) {
  for (std::string_view f : fields) {
    if (!ParseNumber(f)) return true;
  }
  return false;
}

Result<std::size_t> ResolveColumn(std::string_view column,
                                  const std::vector<std::string_view>* header,
                                  std::string_view source) {
  if (AllDigits(column)) {
    std::size_t index = 0;
    std::from_chars(column.data(), column.data() + column.size(), index);
    return index;
  }
  if (header == nullptr) {
    return Error{At(source, 1) + "no header line, so there is no column named '" +
                 std::string(column) + "'"};
  }
  for (std::size_t i = 0; i < header->size(); ++i) {
    if (Unquote((*header)[i]) == column) return i;
  }
  return Error{At(source, 1) + "the header has no column named '" + std::string(column) + "'"};
}

// Parses one data line's field `column` into `out`; returns "" or the error.
std::string ParseDataLine(std::string_view line, std::size_t column,
                          std::vector<std::string_view>& fields, double& out) {
  if (Trim(line).empty()) return "empty line";
  SplitFields(line, fields);
  if (column >= fields.size()) {
    return "missing column " + std::to_string(column) + " (the line has " +
           std::to_string(fields.size()) + " field" + (fields.size() == 1 ? ")" : "s)");
  }
  const std::string_view field = Trim(fields[column]);
  const std::optional<double> value = ParseNumber(field);
  if (!value) return "not a number: '" + std::string(field) + "'";
  if (!std::isfinite(*value)) return "not a finite number: '" + std::string(field) + "'";
  out = *value;
  return "";
}

std::string_view StripTrailingNewlines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<RecordingFormat> ParseRecordingFormat(std::string_view name) {
  if (name == "csv") return RecordingFormat::kCsv;
  if (name == "int16le") return RecordingFormat::kInt16le;
  return std::nullopt;
}

std::optional<RecordingFormat> FormatFromPath(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view ext = path.substr(dot + 1);
  if (ext == "csv" || ext == "CSV") return RecordingFormat::kCsv;
  if (ext == "int16le" || ext == "dat" || ext == "raw") return RecordingFormat::kInt16le;
  return std::nullopt;
}

Result<std::vector<double>> ParseCsvRecording(std::string_view text, std::string_view column,
                                              std::size_t limit, std::string_view source) {
  text = StripTrailingNewlines(text);
  if (Trim(text).empty()) return Error{At(source, 1) + "empty file: no samples"};
  LineCursor lines(text);
  std::string_view line;
  lines.Next(line);
  if (Trim(line).empty()) return Error{At(source, 1) + "empty line"};
  std::vector<std::string_view> first;
  SplitFields(line, first);
  const bool has_header = IsHeader(first);
  Result<std::size_t> index = ResolveColumn(column, has_header ? &first : nullptr, source);
  if (!index.ok()) return Error{index.error()};

  std::vector<double> samples;
  std::vector<std::string_view> fields;
  bool pending = !has_header;  // the first line still has to be parsed as data
  while (samples.size() < limit && (pending || lines.Next(line))) {
    pending = false;
    double value = 0.0;
    if (std::string bad = ParseDataLine(line, *index, fields, value); !bad.empty()) {
      return Error{At(source, lines.number()) + bad};
    }
    samples.push_back(value);
  }
  if (samples.empty() && limit > 0) {
    return Error{At(source, lines.number() + 1) + "no samples after the header"};
  }
  return samples;
}

Result<std::vector<double>> ParseInt16leRecording(std::string_view bytes, std::size_t limit,
                                                  std::string_view source) {
  if (bytes.empty()) return Error{std::string(source) + ": empty file: no samples"};
  if (bytes.size() % 2 != 0) {
    return Error{std::string(source) + ": odd size of " + std::to_string(bytes.size()) +
                 " bytes: int16le samples are 2 bytes each"};
  }
  const std::size_t n = std::min(bytes.size() / 2, limit);
  std::vector<double> samples(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto lo = static_cast<std::uint8_t>(bytes[2 * i]);
    const auto hi = static_cast<std::uint8_t>(bytes[2 * i + 1]);
    samples[i] = static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)));
  }
  return samples;
}

Result<std::vector<double>> ReadRecording(const std::string& path,
                                          const RecordingOptions& options) {
  Result<std::string> contents = ReadFile(path);
  if (!contents.ok()) return Error{contents.error()};
  if (options.format == RecordingFormat::kInt16le) {
    return ParseInt16leRecording(*contents, options.limit, path);
  }
  return ParseCsvRecording(*contents, options.column, options.limit, path);
}

}  // namespace shapewatch
