// RetrainingWindow: what a learned model is retrained on, and when. It keeps
// the samples of the latest hops (at most `samples` of them, the size of a
// training set), marking those of flagged hops and the last one before a gap,
// and counts the samples scored since the last (re)training. A retraining is
// due once `interval` samples were scored and the window holds a full
// training set. Training leaves the marked samples out (TrainModel's excluded
// samples) so that the new model does not learn the anomalies as normal; they
// stay in the set so that the samples on either side are not joined into a
// step that never happened. Retraining follows a series whose normal shapes
// drift, which the first model, fitted to a short stretch, does not
// (tests/eval/README.md, "Retraining").
//
// The daemon's detector thread and `shapewatch evaluate` both drive it, so
// they retrain by the same rule (the daemon trains in the background and
// swaps a few hops later, so their models differ after the first). A plain
// value; not thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <vector>

#include "core/model.h"
#include "core/model_trainer.h"
#include "core/series_detector.h"

namespace shapewatch {

// The samples to retrain on, oldest first, and which of them to leave out.
struct TrainingSet {
  std::vector<double> samples;
  std::vector<bool> excluded;  // one per sample: of a flagged hop, or just before a gap
};

class RetrainingWindow {
 public:
  // interval 0: never due.
  RetrainingWindow(std::size_t interval, std::size_t samples)
      : interval_(interval), samples_(samples) {}

  // Records a scored hop: keeps its samples, marked when it was flagged.
  // Does nothing when retraining is off.
  void Record(const ScoredHop& hop);

  // A retraining is due: `interval` samples scored since the last one and a
  // full training set at hand.
  bool due() const {
    return interval_ > 0 && since_training_ >= interval_ && recent_.size() >= samples_;
  }

  // The training set; the interval starts again.
  TrainingSet Take();

  // The stream broke after the latest sample (a gap; the detector was
  // reset): marks it, so that no segment is trained across the break.
  void MarkBreak() {
    if (!excluded_.empty()) excluded_.back() = true;
  }

  // Forgets everything (the series relearns from scratch).
  void Clear();

  // New settings (a configuration reload): keeps what was collected, the
  // oldest samples dropped beyond the new `samples`.
  void Reconfigure(std::size_t interval, std::size_t samples);

 private:
  void DropBeyondSamples();

  std::size_t interval_, samples_;
  std::deque<double> recent_;
  std::deque<bool> excluded_;  // one per sample of recent_
  std::size_t since_training_ = 0;
};

// The options a model is retrained with: the rule's, at the segment length
// and hop of the model in use (with segment_len auto a retraining could
// otherwise pick another length, and the new detector would not go on where
// the old one stopped), and without the calibration fence: the set was
// screened by the detector, so its rare events (a daily cleanup) are normal
// ones, which a fence would make flag again after every retraining.
inline TrainOptions RetrainOptions(TrainOptions rule, const ShapeParams& in_use) {
  rule.auto_segment_len = false;
  rule.params.segment_len = in_use.segment_len;
  rule.params.hop = in_use.hop;
  rule.fence_calibration = false;
  return rule;
}

// How many of the latest raw samples a retrained model's detector is fed
// before it takes over, so that its next hop is exactly the one the previous
// detector would have produced next (the segments that hop still needs).
inline std::size_t PrimingSamples(const ShapeParams& params) {
  return 2 * (params.segment_len - params.hop);
}

}  // namespace shapewatch
