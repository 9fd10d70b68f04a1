#include "daemon/tool/command_line.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace shapewatch::tool {
namespace {

const OptionSpec* Find(std::span<const OptionSpec> specs, std::string_view name) {
  for (const OptionSpec& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string Bad(std::string_view name, std::string_view expected, std::string_view value) {
  return "--" + std::string(name) + ": expected " + std::string(expected) + ", got '" +
         std::string(value) + "'";
}

}  // namespace

CommandLine CommandLine::Parse(std::span<const std::string> args, std::span<const OptionSpec> specs,
                               std::size_t max_positionals) {
  CommandLine result;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      result.AddOption(args, i, specs);
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw UsageError("unknown option '" + arg + "'");
    } else if (result.positionals_.size() < max_positionals) {
      result.positionals_.push_back(arg);
    } else {
      throw UsageError("unexpected argument '" + arg + "'");
    }
  }
  return result;
}

void CommandLine::AddOption(std::span<const std::string> args, std::size_t& i,
                            std::span<const OptionSpec> specs) {
  const std::string& arg = args[i];
  const std::size_t eq = arg.find('=');
  const std::string name = arg.substr(2, eq == std::string::npos ? eq : eq - 2);
  const OptionSpec* spec = Find(specs, name);
  if (spec == nullptr) throw UsageError("unknown option '--" + name + "'");
  if (Has(name)) throw UsageError("--" + name + " given twice");
  std::string value;
  if (spec->value_name.empty()) {
    if (eq != std::string::npos) throw UsageError("--" + name + " takes no value");
  } else if (eq != std::string::npos) {
    value = arg.substr(eq + 1);
  } else if (i + 1 < args.size()) {
    value = args[++i];
  } else {
    throw UsageError("--" + name + " needs a value (" + std::string(spec->value_name) + ")");
  }
  values_[name] = std::move(value);
}

std::optional<std::string> CommandLine::Get(std::string_view name) const {
  const auto it = values_.find(std::string(name));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string CommandLine::Require(std::string_view name) const {
  std::optional<std::string> value = Get(name);
  if (!value) throw UsageError("missing required option --" + std::string(name));
  return *value;
}

std::uint64_t CommandLine::GetUnsigned(std::string_view name, std::uint64_t fallback,
                                       std::uint64_t min) const {
  const std::optional<std::string> text = Get(name);
  if (!text) return fallback;
  std::uint64_t value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || text->empty()) {
    throw UsageError(Bad(name, "a non-negative integer", *text));
  }
  if (value < min) throw UsageError(Bad(name, "at least " + std::to_string(min), *text));
  return value;
}

std::size_t CommandLine::GetSize(std::string_view name, std::size_t fallback,
                                 std::size_t min) const {
  return static_cast<std::size_t>(GetUnsigned(name, fallback, min));
}

double CommandLine::GetDouble(std::string_view name, double fallback, bool positive) const {
  const std::optional<std::string> text = Get(name);
  if (!text) return fallback;
  double value = 0.0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || text->empty() || !std::isfinite(value)) {
    throw UsageError(Bad(name, "a finite number", *text));
  }
  if (positive && value <= 0.0) throw UsageError(Bad(name, "a positive number", *text));
  return value;
}

std::string FormatOptions(std::span<const OptionSpec> specs) {
  std::string out;
  for (const OptionSpec& spec : specs) {
    std::string left("  --");  // appended, not "  --" + ...: GCC 12 -Wrestrict false positive
    left.append(spec.name);
    if (!spec.value_name.empty()) left.append(" ").append(spec.value_name);
    left.resize(std::max<std::size_t>(left.size() + 2, 26), ' ');
    out += left + std::string(spec.help) + "\n";
  }
  return out;
}

}  // namespace shapewatch::tool
