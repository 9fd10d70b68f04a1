#include "config/yaml_reader.h"

#include <charconv>
#include <cmath>

namespace shapewatch::config_internal {
namespace {

constexpr std::size_t kMaxQuoted = 40;

// The scalar text of a number, or a failure saying which kind was expected.
std::string_view NumberText(const Field& field, std::string_view expected) {
  if (!field.node.IsScalar()) {
    Fail(field, std::string("expected ") + std::string(expected) + ", got " +
                    (field.node.IsNull() ? "nothing" : "a list or mapping"));
  }
  return field.node.Scalar();
}

}  // namespace

std::string Where(std::string_view file, const YAML::Mark& mark) {
  std::string where(file);
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return where;
  return where + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

void FailAt(std::string_view file, const YAML::Mark& mark, std::string_view what) {
  throw ConfigError(Where(file, mark) + ": " + std::string(what));
}

void Fail(const Field& field, std::string_view what) {
  std::string message(what);
  if (!field.path.empty()) message = field.path + ": " + message;
  FailAt(field.file, field.mark, message);
}

std::string Quoted(const Field& field) {
  if (!field.node.IsScalar()) return "nothing";
  std::string text = field.node.Scalar();
  if (text.size() > kMaxQuoted) text = text.substr(0, kMaxQuoted) + "...";
  return "'" + text + "'";
}

std::uint64_t ReadUint64(const Field& field, std::uint64_t min) {
  std::string_view text = NumberText(field, "a whole number");
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    Fail(field, "number " + Quoted(field) + " is too large");
  }
  if (ec != std::errc() || end != text.data() + text.size()) {
    Fail(field, "expected a whole number, got " + Quoted(field));
  }
  if (value < min) {
    Fail(field, "must be at least " + std::to_string(min) + ", got " + Quoted(field));
  }
  return value;
}

std::size_t ReadCount(const Field& field, std::size_t min) {
  std::uint64_t value = ReadUint64(field, min);
  if (value > SIZE_MAX) Fail(field, "number " + Quoted(field) + " is too large");
  return static_cast<std::size_t>(value);
}

double ReadNumber(const Field& field) {
  std::string_view text = NumberText(field, "a number");
  double value = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    Fail(field, "expected a finite number, got " + Quoted(field));
  }
  return value;
}

bool ReadBool(const Field& field) {
  bool value = false;
  if (!YAML::convert<bool>::decode(field.node, value)) {
    Fail(field, "expected true or false, got " + Quoted(field));
  }
  return value;
}

std::string ReadString(const Field& field) {
  if (field.node.IsNull()) return "";
  if (!field.node.IsScalar()) Fail(field, "expected a string, got a list or mapping");
  return field.node.Scalar();
}

}  // namespace shapewatch::config_internal
