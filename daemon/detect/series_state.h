// SeriesState: where a series is in its life, exported per series as
// shapewatch_series_state{series, state} and counted as shapewatch_series{state}.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace shapewatch {

enum class SeriesState {
  kLearning,   // collecting its first training samples
  kTraining,   // a model is being trained in the background
  kScoring,    // has a model; every hop is scored
  kFailed,     // its model could not be loaded or trained; see the log
  kUnmatched,  // no configuration rule matches its name; counted only
  kConstant,   // its training samples did not vary; rechecked, never alarms
  kUnstable,   // flagged on too many recent hops; relearning, not alerting
};

inline constexpr std::array<SeriesState, 7> kAllSeriesStates = {
    SeriesState::kLearning,  SeriesState::kTraining, SeriesState::kScoring, SeriesState::kFailed,
    SeriesState::kUnmatched, SeriesState::kConstant, SeriesState::kUnstable};

inline std::string_view SeriesStateName(SeriesState s) {
  switch (s) {
    case SeriesState::kLearning:
      return "learning";
    case SeriesState::kTraining:
      return "training";
    case SeriesState::kScoring:
      return "scoring";
    case SeriesState::kFailed:
      return "failed";
    case SeriesState::kUnmatched:
      return "unmatched";
    case SeriesState::kConstant:
      return "constant";
    case SeriesState::kUnstable:
      return "unstable";
  }
  return "unknown";
}

inline std::size_t SeriesStateIndex(SeriesState s) { return static_cast<std::size_t>(s); }

}  // namespace shapewatch
