// The options every command that reads a recording shares: --input,
// --format, --column, --limit.
#pragma once

#include <span>
#include <vector>

#include "core/result.h"
#include "daemon/tool/command_line.h"

namespace shapewatch::tool {

std::span<const OptionSpec> RecordingOptionSpecs();

// Reads the recording named by --input. UsageError for bad options (e.g. a
// format that cannot be told from the file name); Error for the file's content.
Result<std::vector<double>> LoadRecording(const CommandLine& line);

}  // namespace shapewatch::tool
