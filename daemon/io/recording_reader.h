// Reading recorded signals: CSV text or raw int16 little-endian samples.
//
// The Parse* functions are pure functions of the bytes (so fuzzers and tests
// call them directly); `source` is only used in error messages, which read
// "source:line: what". Read* wrap them with a file read. Thread-safe.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace shapewatch {

enum class RecordingFormat { kCsv, kInt16le };

std::optional<RecordingFormat> ParseRecordingFormat(std::string_view name);
// By extension: ".csv" -> CSV; ".int16le", ".dat", ".raw" -> int16le;
// anything else is not guessed (nullopt).
std::optional<RecordingFormat> FormatFromPath(std::string_view path);

struct RecordingOptions {
  RecordingFormat format = RecordingFormat::kCsv;
  // CSV only: a header name, or a 0-based index written in digits.
  std::string column = "0";
  // Stop after this many samples; later bytes are not parsed.
  std::size_t limit = std::numeric_limits<std::size_t>::max();
};

// Comma-separated text, one sample per line; "\r\n" accepted, trailing empty
// lines ignored. The first line is a header if any of its fields is not a
// number. Every sample must be a finite number; an empty input, a header with
// no rows, a blank line or a missing column is an error naming the line.
Result<std::vector<double>> ParseCsvRecording(std::string_view text, std::string_view column,
                                              std::size_t limit, std::string_view source);

// Raw signed 16-bit little-endian samples, as in the blog's a02.dat. An empty
// input or an odd byte count is an error.
Result<std::vector<double>> ParseInt16leRecording(std::string_view bytes, std::size_t limit,
                                                  std::string_view source);

Result<std::vector<double>> ReadRecording(const std::string& path, const RecordingOptions& options);

}  // namespace shapewatch
