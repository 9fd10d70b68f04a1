#include "daemon/tool/event_scoring.h"

#include <algorithm>
#include <cmath>

namespace shapewatch::tool {
namespace {

// Written with subtractions so that ranges ending near SIZE_MAX cannot wrap.
bool FarFrom(SampleRange w, SampleRange e, std::size_t guard) {
  return (e.begin >= w.end && e.begin - w.end >= guard) ||
         (w.begin >= e.end && w.begin - e.end >= guard);
}

}  // namespace

double RocAuc(std::span<const double> positives, std::span<const double> negatives) {
  if (positives.empty() || negatives.empty()) return 0.5;
  std::vector<double> neg(negatives.begin(), negatives.end());
  std::sort(neg.begin(), neg.end());
  double wins = 0.0;
  for (double p : positives) {
    const auto below = std::lower_bound(neg.begin(), neg.end(), p) - neg.begin();
    const auto not_above = std::upper_bound(neg.begin(), neg.end(), p) - neg.begin();
    wins += static_cast<double>(below) + 0.5 * static_cast<double>(not_above - below);
  }
  return wins / (static_cast<double>(positives.size()) * static_cast<double>(neg.size()));
}

double ThresholdAtFalseAlarmRate(std::vector<double> clean, double rate) {
  if (clean.empty()) return 0.0;
  std::sort(clean.begin(), clean.end(), std::greater<>());
  const auto allowed =
      static_cast<std::size_t>(std::floor(rate * static_cast<double>(clean.size())));
  if (allowed >= clean.size()) return clean.back();
  // Strictly above the (allowed+1)-th highest clean score.
  return std::nextafter(clean[allowed], INFINITY);
}

double MaxOver(std::span<const double> scores, SampleRange range) {
  double best = 0.0;
  for (std::size_t i = range.begin; i < range.end && i < scores.size(); ++i) {
    best = std::max(best, scores[i]);
  }
  return best;
}

SampleRange EventWindow(const InjectedEvent& event, std::size_t segment_len, std::size_t size) {
  return {event.start, std::min(size, event.end + segment_len)};
}

bool FarFromAll(SampleRange window, std::span<const SampleRange> others, std::size_t guard) {
  return std::all_of(others.begin(), others.end(),
                     [&](SampleRange e) { return FarFrom(window, e, guard); });
}

std::vector<SampleRange> CleanWindows(std::span<const SampleRange> excluded, SampleRange scored,
                                      std::size_t length, std::size_t guard) {
  std::vector<SampleRange> windows;
  for (std::size_t at = scored.begin; at + length <= scored.end; at += length) {
    const SampleRange w{at, at + length};
    if (FarFromAll(w, excluded, guard)) {
      windows.push_back(w);
    }
  }
  return windows;
}

}  // namespace shapewatch::tool
