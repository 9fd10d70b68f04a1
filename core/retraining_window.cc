#include "core/retraining_window.h"

namespace shapewatch {

void RetrainingWindow::Record(const ScoredHop& hop) {
  if (interval_ == 0) return;
  since_training_ += hop.hop->values.size();
  recent_.insert(recent_.end(), hop.hop->values.begin(), hop.hop->values.end());
  flagged_.insert(flagged_.end(), hop.hop->values.size(), hop.anomalous);
  DropBeyondSamples();
}

TrainingSet RetrainingWindow::Take() {
  since_training_ = 0;
  return {{recent_.begin(), recent_.end()}, {flagged_.begin(), flagged_.end()}};
}

void RetrainingWindow::Reconfigure(std::size_t interval, std::size_t samples) {
  interval_ = interval;
  samples_ = samples;
  DropBeyondSamples();
}

void RetrainingWindow::DropBeyondSamples() {
  while (recent_.size() > samples_) {
    recent_.pop_front();
    flagged_.pop_front();
  }
}

void RetrainingWindow::Clear() {
  recent_.clear();
  flagged_.clear();
  since_training_ = 0;
}

}  // namespace shapewatch
