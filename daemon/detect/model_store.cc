#include "daemon/detect/model_store.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/model_json.h"
#include "daemon/io/file_io.h"

namespace shapewatch {
namespace {

std::uint64_t Fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

Result<std::shared_ptr<const Model>> ParseModelFile(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return Error{text.error()};
  Result<Model> model = ModelFromJson(*text);
  if (!model.ok()) return Error{path + ": invalid model: " + model.error()};
  return std::shared_ptr<const Model>(std::make_shared<Model>(std::move(*model)));
}

bool FileExists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

ModelStore::ModelStore(std::string state_dir) : state_dir_(std::move(state_dir)) {}

Status ModelStore::Prepare() const {
  std::string partial;
  for (std::size_t i = 0; i <= state_dir_.size(); ++i) {
    if (i == state_dir_.size() || (state_dir_[i] == '/' && i > 0)) {
      partial = state_dir_.substr(0, i);
      if (::mkdir(partial.c_str(), 0750) != 0 && errno != EEXIST) {
        return Status::Fail("state directory " + partial + ": " + std::strerror(errno));
      }
    }
  }
  return Status::Ok();
}

std::string ModelStore::PathFor(std::string_view series) const {
  std::string safe;
  for (char c : series.substr(0, 100)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    safe += ok ? c : '_';
  }
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(Fnv1a(series)));
  return state_dir_ + "/" + safe + "-" + hash + ".model.json";
}

std::optional<Result<std::shared_ptr<const Model>>> ModelStore::LoadLearned(
    std::string_view series) const {
  const std::string path = PathFor(series);
  if (!FileExists(path)) return std::nullopt;
  return ParseModelFile(path);
}

Status ModelStore::SaveLearned(std::string_view series, const Model& model) const {
  return WriteFileAtomically(PathFor(series), ModelToJson(model));
}

Result<std::shared_ptr<const Model>> ModelStore::LoadConfigured(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Error{path + ": " + std::strerror(errno)};
  const long long mtime =
      static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  const long long size = static_cast<long long>(st.st_size);
  std::lock_guard lock(mutex_);
  if (auto it = configured_.find(path);
      it != configured_.end() && it->second.mtime_ns == mtime && it->second.size == size) {
    return it->second.model;
  }
  Result<std::shared_ptr<const Model>> model = ParseModelFile(path);
  if (model.ok()) configured_[path] = Cached{mtime, size, *model};
  return model;
}

std::string ResolveStateDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("STATE_DIRECTORY"); env && *env) {
    std::string dirs = env;
    return dirs.substr(0, dirs.find(':'));
  }
  return "state";
}

}  // namespace shapewatch
