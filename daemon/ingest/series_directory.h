// SeriesDirectory: interns series names into small ids so the queue carries
// numbers, not strings, and enforces the cap on how many series exist.
// Append-only: an id, once given, names the same series for the life of the
// process. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shapewatch {

class SeriesDirectory {
 public:
  explicit SeriesDirectory(std::size_t max_series) : max_series_(max_series) {}

  // The id of `name`, creating it if there is room; nullopt when the cap is
  // reached (the caller counts the refusal).
  std::optional<std::uint32_t> Intern(std::string_view name);

  std::string Name(std::uint32_t id) const;
  std::size_t size() const;
  std::size_t max_series() const { return max_series_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const std::size_t max_series_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;  // GUARDED_BY(mutex_)
  std::vector<std::string> names_;                                             // GUARDED_BY(mutex_)
};

}  // namespace shapewatch
