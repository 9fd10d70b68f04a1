#include "daemon/tool/known_anomalies.h"

#include <charconv>
#include <string>

namespace shapewatch::tool {
namespace {

std::string_view Trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Reads one unsigned number and the blanks after it; false if there is none.
bool ReadIndex(std::string_view& s, std::size_t& value) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data()) return false;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  if (!s.empty() && s.front() != ' ' && s.front() != '\t') return false;
  s = Trimmed(s);
  return true;
}

}  // namespace

Result<std::vector<SampleRange>> ParseKnownAnomalies(std::string_view text,
                                                     std::string_view file_name) {
  std::vector<SampleRange> ranges;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    line = Trimmed(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    SampleRange range;
    const std::string where = std::string(file_name) + ":" + std::to_string(line_number) + ": ";
    if (!ReadIndex(line, range.begin) || !ReadIndex(line, range.end) || !line.empty()) {
      return Error{where + "expected 'START END' (0-based sample indices, END exclusive)"};
    }
    if (range.end <= range.begin) {
      return Error{where + "END (" + std::to_string(range.end) + ") must be greater than START (" +
                   std::to_string(range.begin) + ")"};
    }
    ranges.push_back(range);
  }
  return ranges;
}

}  // namespace shapewatch::tool
