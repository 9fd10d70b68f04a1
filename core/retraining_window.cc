#include "core/retraining_window.h"

namespace shapewatch {

void RetrainingWindow::Record(const ScoredHop& hop) {
  if (interval_ == 0) return;
  since_training_ += hop.hop->values.size();
  recent_.insert(recent_.end(), hop.hop->values.begin(), hop.hop->values.end());
  excluded_.insert(excluded_.end(), hop.hop->values.size(), hop.anomalous);
  DropBeyondSamples();
}

TrainingSet RetrainingWindow::Take() {
  since_training_ = 0;
  return {{recent_.begin(), recent_.end()}, {excluded_.begin(), excluded_.end()}};
}

void RetrainingWindow::Reconfigure(std::size_t interval, std::size_t samples) {
  // Off, the window recorded nothing: what it holds ends where it stopped.
  if (interval_ == 0 && interval > 0) Clear();
  interval_ = interval;
  samples_ = samples;
  DropBeyondSamples();
}

void RetrainingWindow::DropBeyondSamples() {
  while (recent_.size() > samples_) {
    recent_.pop_front();
    excluded_.pop_front();
  }
}

void RetrainingWindow::Clear() {
  recent_.clear();
  excluded_.clear();
  since_training_ = 0;
}

}  // namespace shapewatch
