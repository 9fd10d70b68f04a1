// Scoring a detector against injected events, for `shapewatch evaluate`.
//
// Windows: an event changing samples [start, end) is seen in the causal score
// stream over [start, end + L): a hop is final at most L - 1 samples after its
// last sample. Its event score is the highest score there. Clean windows have
// the same length, tile the scored range, and keep at least `guard` samples
// from every excluded window (known anomalies, so that their after-effects,
// such as the decay of a smoothed score, do not count either). Clean hops are
// the hops inside clean windows. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "daemon/tool/anomaly_injection.h"

namespace shapewatch::tool {

struct SampleRange {
  std::size_t begin = 0, end = 0;  // [begin, end)
};

// ROC-AUC of positives against negatives: the probability that a random
// positive scores above a random negative, ties counting one half
// (Mann-Whitney). 0.5 when either side is empty.
double RocAuc(std::span<const double> positives, std::span<const double> negatives);

// The lowest threshold at which at most `rate` x clean.size() of `clean`
// scores reach it (scores >= threshold count as alarms).
double ThresholdAtFalseAlarmRate(std::vector<double> clean, double rate);

double MaxOver(std::span<const double> scores, SampleRange range);

SampleRange EventWindow(const InjectedEvent& event, std::size_t segment_len, std::size_t size);

// True when `window` is at least `guard` samples away from every one of
// `others` (true when there are none).
bool FarFromAll(SampleRange window, std::span<const SampleRange> others, std::size_t guard);

// Windows of `length` samples in `scored` at least `guard` samples away from
// every excluded window.
std::vector<SampleRange> CleanWindows(std::span<const SampleRange> excluded, SampleRange scored,
                                      std::size_t length, std::size_t guard);

}  // namespace shapewatch::tool
