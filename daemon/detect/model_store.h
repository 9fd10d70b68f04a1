// ModelStore: where models live on disk.
//
// Learned models go to the state directory, one file per series named after
// it (unsafe characters replaced, plus a hash of the full name so distinct
// series never share a file), written atomically; they are loaded again
// after a restart so no learning is lost. Model files named in the
// configuration are loaded once per path and shared between series.
// Thread-safe (the detector loads, the training worker saves).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace shapewatch {

class ModelStore {
 public:
  explicit ModelStore(std::string state_dir);

  // Creates the state directory if needed; an error names it and why.
  Status Prepare() const;

  std::string PathFor(std::string_view series) const;

  // nullopt: no learned model for this series. Error: a file is there but
  // unreadable or invalid (it is then ignored; the series learns again).
  std::optional<Result<std::shared_ptr<const Model>>> LoadLearned(std::string_view series) const;

  Status SaveLearned(std::string_view series, const Model& model) const;

  // A configured model file, parsed once and shared; parsed again (a new
  // Model) only when the file's modification time or size has changed.
  Result<std::shared_ptr<const Model>> LoadConfigured(const std::string& path);

  const std::string& state_dir() const { return state_dir_; }

 private:
  const std::string state_dir_;
  std::mutex mutex_;
  struct Cached {
    long long mtime_ns = 0;
    long long size = 0;
    std::shared_ptr<const Model> model;
  };
  std::map<std::string, Cached> configured_;  // GUARDED_BY(mutex_)
};

// The state directory to use: the configured one, else $STATE_DIRECTORY
// (the first entry, as systemd sets it), else ./state.
std::string ResolveStateDir(const std::string& configured);

}  // namespace shapewatch
