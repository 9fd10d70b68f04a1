#include "daemon/tool/dispatch.h"

#include <algorithm>

#include "daemon/tool/command.h"

namespace shapewatch::tool {
namespace {

struct Entry {
  const Command& (*command)();
  std::string_view summary;
};

const Entry kCommands[] = {
    {TrainCommand, "learn a model from a recording"},
    {ReplayCommand, "score a recording sample by sample, as the daemon would"},
    {InspectCommand, "print what a model file holds"},
    {EvaluateCommand, "measure detection of injected anomalies in a recording"},
    {PushCommand, "stream a recording to a Graphite listener such as shapewatchd"},
};

void PrintUsage(std::ostream& out) {
  out << "usage: shapewatch COMMAND [options]\n"
         "       shapewatch --help | --version\n\n"
         "Trains and replays shape-reconstruction anomaly models on recorded "
         "signals.\n\n"
         "Commands:\n";
  for (const Entry& entry : kCommands) {
    std::string name(entry.command().name);
    name.resize(10, ' ');
    out << "  " << name << entry.summary << "\n";
  }
  out << "\nRun 'shapewatch COMMAND --help' for a command's options.\n"
         "Exit status: 0 ok, 1 failure, 2 usage error.\n";
}

void PrintCommandHelp(const Command& command, std::ostream& out) {
  out << "usage: shapewatch " << command.synopsis << "\n\n" << command.description << "\n";
  out << "\nOptions:\n" << FormatOptions(command.options);
  out << "  --help                  print this help\n";
}

const Command* FindCommand(std::string_view name) {
  for (const Entry& entry : kCommands) {
    if (entry.command().name == name) return &entry.command();
  }
  return nullptr;
}

int RunCommand(const Command& command, std::span<const std::string> args, std::ostream& out,
               std::ostream& err) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    PrintCommandHelp(command, out);
    return kExitOk;
  }
  try {
    const CommandLine line = CommandLine::Parse(args, command.options, command.max_positionals);
    return command.run(line, out, err);
  } catch (const UsageError& e) {
    err << "shapewatch " << command.name << ": " << e.what() << "\n"
        << "Try 'shapewatch " << command.name << " --help'.\n";
    return kExitUsage;
  }
}

}  // namespace

int RunShapewatch(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    PrintUsage(err);
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintUsage(out);
    return kExitOk;
  }
  if (args[0] == "--version") {
    out << "shapewatch " << SHAPEWATCH_VERSION << "\n";
    return kExitOk;
  }
  const Command* command = FindCommand(args[0]);
  if (command == nullptr) {
    err << "shapewatch: unknown command '" << args[0] << "'\n"
        << "Try 'shapewatch --help'.\n";
    return kExitUsage;
  }
  return RunCommand(*command, args.subspan(1), out, err);
}

}  // namespace shapewatch::tool
