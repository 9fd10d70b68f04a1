#include "daemon/tool/recording_options.h"

#include <string>

#include "daemon/io/recording_reader.h"

namespace shapewatch::tool {
namespace {

const OptionSpec kSpecs[] = {
    {"input", "FILE", "the recording (required)"},
    {"format", "csv|int16le",
     "default from the extension: .csv is csv; .int16le, .dat, .raw are "
     "int16le"},
    {"column", "NAME|N", "CSV column by header name or 0-based index (default 0)"},
    {"limit", "N", "use only the first N samples"},
};

RecordingFormat FormatOf(const CommandLine& line, const std::string& input) {
  if (std::optional<std::string> name = line.Get("format")) {
    if (std::optional<RecordingFormat> format = ParseRecordingFormat(*name)) return *format;
    throw UsageError("--format: expected csv or int16le, got '" + *name + "'");
  }
  if (std::optional<RecordingFormat> format = FormatFromPath(input)) return *format;
  throw UsageError("cannot tell the format of '" + input +
                   "' from its extension; give --format csv|int16le");
}

}  // namespace

std::span<const OptionSpec> RecordingOptionSpecs() { return kSpecs; }

Result<std::vector<double>> LoadRecording(const CommandLine& line) {
  const std::string input = line.Require("input");
  RecordingOptions options;
  options.format = FormatOf(line, input);
  if (std::optional<std::string> column = line.Get("column")) {
    if (options.format != RecordingFormat::kCsv) {
      throw UsageError("--column applies to CSV input only");
    }
    if (column->empty()) throw UsageError("--column: expected a name or an index, got ''");
    options.column = *column;
  }
  options.limit = line.GetSize("limit", options.limit, 1);
  return ReadRecording(input, options);
}

}  // namespace shapewatch::tool
