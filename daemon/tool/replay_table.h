// Replaying a recording through core's SeriesDetector exactly as the daemon
// drives it (one Push per sample), and the per-sample table that results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "core/series_detector.h"

namespace shapewatch::tool {

struct ReplayHop {
  std::size_t first = 0;  // index of the hop's first sample in the recording
  std::size_t size = 0;
  double rms_error = 0.0;
  double score = 0.0;
  bool anomalous = false;
};

// One entry per sample of the recording. reconstruction/error are the
// sample's own (NaN where it has none: before `scored_from`, or never fully
// covered); score/anomalous are the detector's state just after that sample
// was pushed (0 before `scored_from`).
struct ReplayTable {
  std::size_t scored_from = 0;
  std::vector<double> values, reconstruction, error, score;
  std::vector<std::uint8_t> anomalous;
  std::vector<ReplayHop> hops;  // in order
};

// Pushes samples[scored_from..] one by one into a fresh detector.
ReplayTable Replay(std::span<const double> samples, std::size_t scored_from,
                   std::shared_ptr<const Model> model, DetectorOptions options);

// "index,value,reconstruction,error,score,anomaly" and one row per sample;
// numbers in their shortest round-trip form, missing ones as empty cells.
std::string ReplayToCsv(const ReplayTable& table);

// Hops, anomalous stretches, the highest score and the largest errors.
void PrintReplaySummary(const ReplayTable& table, double threshold, std::ostream& out);

}  // namespace shapewatch::tool
