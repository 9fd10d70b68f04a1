// SeriesDetector: everything that happens to one series' samples once it has
// a model — streaming reconstruction, scoring of each final hop against the
// series' error history, and the anomaly flag. Every hop joins the history
// after it is scored. The daemon and the
// `shapewatch replay` tool both drive exactly this class, so they agree
// sample for sample. Not thread-safe; one instance per series.
#pragma once

#include <memory>

#include "core/anomaly_scorer.h"
#include "core/streaming_reconstructor.h"

namespace shapewatch {

struct DetectorOptions {
  // A hop is anomalous when its score is at least this. 0.999 means: rarer
  // than one hop in a thousand of this series' history.
  double threshold = 0.999;
};

struct ScoredHop {
  const Hop* hop = nullptr;  // valid until the next Push/Reset
  double score = 0.0;
  bool anomalous = false;
};

class SeriesDetector {
 public:
  // The error history starts as the model's training calibration.
  SeriesDetector(std::shared_ptr<const Model> model, DetectorOptions options);

  // Adds one sample; returns the scored hop if one became final, else nullptr.
  const ScoredHop* Push(double value);

  // The score and flag of the latest hop (0 / false before the first).
  double score() const { return last_.score; }
  bool anomalous() const { return last_.anomalous; }
  std::uint64_t hops() const { return hops_; }

  void Reset() { reconstructor_.Reset(); }

  const AnomalyScorer& scorer() const { return scorer_; }
  const Model& model() const { return reconstructor_.model(); }
  const std::shared_ptr<const Model>& shared_model() const {
    return reconstructor_.shared_model();
  }
  const DetectorOptions& options() const { return options_; }
  void set_options(DetectorOptions options) { options_ = options; }

 private:
  StreamingReconstructor reconstructor_;
  AnomalyScorer scorer_;
  DetectorOptions options_;
  ScoredHop last_;
  std::uint64_t hops_ = 0;
};

}  // namespace shapewatch
