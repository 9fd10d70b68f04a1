// Command-line parsing for the shapewatch subcommands.
//
// Options are "--name VALUE", "--name=VALUE" or "--flag". Anything wrong with
// the command line (unknown option, missing value or required option, a
// value that is not a valid number) throws UsageError, which the dispatcher
// turns into exit status 2; this is the tool's only use of exceptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace shapewatch::tool {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string_view name;        // without "--"
  std::string_view value_name;  // e.g. "FILE"; empty for a flag
  std::string_view help;
};

class CommandLine {
 public:
  // Parses `args` (the words after the command's name).
  static CommandLine Parse(std::span<const std::string> args, std::span<const OptionSpec> specs,
                           std::size_t max_positionals);

  bool Has(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  std::optional<std::string> Get(std::string_view name) const;
  std::string Require(std::string_view name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  // Typed getters: `fallback` when absent, UsageError naming the option when
  // the value is malformed or below `min`.
  std::uint64_t GetUnsigned(std::string_view name, std::uint64_t fallback,
                            std::uint64_t min = 0) const;
  std::size_t GetSize(std::string_view name, std::size_t fallback, std::size_t min = 0) const;
  // A finite number, > 0 when `positive`.
  double GetDouble(std::string_view name, double fallback, bool positive = false) const;

 private:
  // Consumes the option at args[i] (and its value, advancing i).
  void AddOption(std::span<const std::string> args, std::size_t& i,
                 std::span<const OptionSpec> specs);

  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

// "  --name VALUE    help" lines for a command's --help.
std::string FormatOptions(std::span<const OptionSpec> specs);

}  // namespace shapewatch::tool
