#include "daemon/ingest/series_directory.h"

namespace shapewatch {

std::optional<std::uint32_t> SeriesDirectory::Intern(std::string_view name) {
  std::lock_guard lock(mutex_);
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  if (names_.size() >= max_series_) return std::nullopt;
  const auto id = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  return id;
}

std::string SeriesDirectory::Name(std::uint32_t id) const {
  std::lock_guard lock(mutex_);
  return id < names_.size() ? names_[id] : std::string();
}

std::size_t SeriesDirectory::size() const {
  std::lock_guard lock(mutex_);
  return names_.size();
}

}  // namespace shapewatch
