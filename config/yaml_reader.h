// Internal to config/: typed values read out of a yaml-cpp tree, each
// failure naming file:line:column and the setting's dotted path.
//
// Readers throw ConfigError; ParseDaemonConfig catches it and returns an
// error Result, so nothing thrown here leaves config/.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace shapewatch::config_internal {

// A complete "file:line:col: path: what" message.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One value in the file: its node, where it is, and what it is called.
struct Field {
  std::string_view file;  // outlives the Field
  YAML::Node node;
  YAML::Mark mark;   // of the value, or of its key when the value is empty
  std::string path;  // "series[0].clusters"; "" for the document itself
};

// "file:line:col" with 1-based numbers; just "file" when the mark is unknown.
std::string Where(std::string_view file, const YAML::Mark& mark);

[[noreturn]] void Fail(const Field& field, std::string_view what);
[[noreturn]] void FailAt(std::string_view file, const YAML::Mark& mark, std::string_view what);

// The field's text, quoted and shortened for messages: "'abc'".
std::string Quoted(const Field& field);

// Whole numbers: digits only, at least `min`.
std::uint64_t ReadUint64(const Field& field, std::uint64_t min = 0);
std::size_t ReadCount(const Field& field, std::size_t min = 0);
// Finite decimal numbers.
double ReadNumber(const Field& field);
bool ReadBool(const Field& field);
// A scalar; an empty value (null) reads as "".
std::string ReadString(const Field& field);

}  // namespace shapewatch::config_internal
