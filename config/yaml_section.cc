#include "config/yaml_section.h"

#include <algorithm>
#include <vector>

namespace shapewatch::config_internal {
namespace {

// Levenshtein distance, for "did you mean" on short key names.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

std::string KnownKeys(std::span<const KeySpec> specs) {
  std::string list;
  for (const KeySpec& spec : specs) {
    if (!list.empty()) list += ", ";
    list += spec.key;
  }
  return list;
}

// "(did you mean 'x'?)" for a near miss, else the list of known keys.
std::string UnknownKeyHint(std::string_view key, std::span<const KeySpec> specs) {
  constexpr std::size_t kMaxTypos = 2;
  const KeySpec* best = nullptr;
  std::size_t best_distance = kMaxTypos + 1;
  for (const KeySpec& spec : specs) {
    std::size_t distance = EditDistance(key, spec.key);
    if (distance < best_distance) best = &spec, best_distance = distance;
  }
  if (best != nullptr) return "(did you mean '" + std::string(best->key) + "'?)";
  return "(expected one of: " + KnownKeys(specs) + ")";
}

[[noreturn]] void FailUnknownKey(const Field& section, const YAML::Node& key,
                                 std::span<const KeySpec> specs) {
  std::string where = section.path.empty() ? "" : " in " + section.path;
  FailAt(section.file, key.Mark(),
         "unknown key '" + key.Scalar() + "'" + where + " " + UnknownKeyHint(key.Scalar(), specs));
}

const KeySpec* FindSpec(std::span<const KeySpec> specs, std::string_view key) {
  auto it = std::find_if(specs.begin(), specs.end(),
                         [key](const KeySpec& spec) { return spec.key == key; });
  return it == specs.end() ? nullptr : &*it;
}

void CheckKey(const Field& section, const YAML::Node& key, const SeenFields& seen) {
  if (!key.IsScalar()) FailAt(section.file, key.Mark(), "expected a key name");
  auto first = seen.find(key.Scalar());
  if (first == seen.end()) return;
  std::string where = section.path.empty() ? "" : " in " + section.path;
  FailAt(section.file, key.Mark(),
         "duplicate key '" + key.Scalar() + "'" + where + " (first at line " +
             std::to_string(first->second.mark.line + 1) + ")");
}

}  // namespace

Field ChildField(const Field& parent, std::string name, const YAML::Node& key,
                 const YAML::Node& value) {
  std::string path = parent.path.empty() ? std::move(name) : parent.path + "." + name;
  bool empty = value.IsNull() || value.Mark().is_null();
  return Field{parent.file, value, empty ? key.Mark() : value.Mark(), std::move(path)};
}

SeenFields ReadSection(const Field& section, std::span<const KeySpec> specs) {
  SeenFields seen;
  if (section.node.IsNull()) return seen;
  if (!section.node.IsMap()) Fail(section, "expected a mapping of settings");
  for (const auto& entry : section.node) {
    CheckKey(section, entry.first, seen);
    const KeySpec* spec = FindSpec(specs, entry.first.Scalar());
    if (spec == nullptr) FailUnknownKey(section, entry.first, specs);
    Field field = ChildField(section, entry.first.Scalar(), entry.first, entry.second);
    spec->read(field);
    seen.emplace(entry.first.Scalar(), std::move(field));
  }
  return seen;
}

YAML::Mark MarkOf(const SeenFields& seen, std::string_view key, const Field& section) {
  auto it = seen.find(key);
  return it == seen.end() ? section.mark : it->second.mark;
}

}  // namespace shapewatch::config_internal
