#include "core/retraining_window.h"

namespace shapewatch {

void RetrainingWindow::Record(const ScoredHop& hop) {
  if (interval_ == 0) return;
  since_training_ += hop.hop->values.size();
  if (hop.anomalous) return;
  recent_.insert(recent_.end(), hop.hop->values.begin(), hop.hop->values.end());
  DropBeyondSamples();
}

std::vector<double> RetrainingWindow::Take() {
  since_training_ = 0;
  return {recent_.begin(), recent_.end()};
}

void RetrainingWindow::Reconfigure(std::size_t interval, std::size_t samples) {
  interval_ = interval;
  samples_ = samples;
  DropBeyondSamples();
}

void RetrainingWindow::DropBeyondSamples() {
  while (recent_.size() > samples_) recent_.pop_front();
}

void RetrainingWindow::Clear() {
  recent_.clear();
  since_training_ = 0;
}

}  // namespace shapewatch
