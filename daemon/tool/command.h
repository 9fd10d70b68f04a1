// A shapewatch subcommand: its options, its --help text and what it runs.
// Run functions write results to `out` and errors to `err`, and return the
// exit status (0 ok, 1 failure); they throw UsageError for a bad command line.
#pragma once

#include <ostream>
#include <string_view>
#include <vector>

#include "daemon/tool/command_line.h"

namespace shapewatch::tool {

enum ExitStatus { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

struct Command {
  std::string_view name;
  std::string_view synopsis;     // "train --input FILE --output MODEL.json [options]"
  std::string_view description;  // a paragraph printed by --help
  std::vector<OptionSpec> options;
  std::size_t max_positionals = 0;
  int (*run)(const CommandLine& line, std::ostream& out, std::ostream& err) = nullptr;
};

const Command& TrainCommand();
const Command& ReplayCommand();
const Command& InspectCommand();
const Command& PushCommand();
const Command& EvaluateCommand();

}  // namespace shapewatch::tool
