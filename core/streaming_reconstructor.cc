#include "core/streaming_reconstructor.h"

#include <algorithm>
#include <cmath>

namespace shapewatch {

StreamingReconstructor::StreamingReconstructor(std::shared_ptr<const Model> model)
    : model_(std::move(model)),
      table_(model_->centroids),
      window_(MakeWindow(model_->params.window, model_->params.segment_len)),
      len_(model_->params.segment_len),
      hop_len_(model_->params.hop),
      samples_(len_, 0.0),
      sum_(len_, 0.0),
      weight_(len_, 0.0),
      scratch_(len_, 0.0),
      out_values_(hop_len_),
      out_recon_(hop_len_),
      out_error_(hop_len_) {}

void StreamingReconstructor::Reset() {
  filled_ = 0;
  std::fill(sum_.begin(), sum_.end(), 0.0);
  std::fill(weight_.begin(), weight_.end(), 0.0);
  segment_start_ = index_;
  stretch_start_ = index_;
}

bool StreamingReconstructor::Push(double value) {
  samples_[filled_++] = value;
  ++index_;
  if (filled_ < len_) return false;
  const bool final_hop = segment_start_ - stretch_start_ >= len_ - hop_len_;
  FinishSegment();
  return final_hop;
}

void StreamingReconstructor::FinishSegment() {
  for (std::size_t j = 0; j < len_; ++j) scratch_[j] = samples_[j] * window_[j];
  const SegmentScale scale = NormalizeSegment(scratch_, window_, model_->params.normalization);
  const NearestCentroid nearest = table_.Nearest(scratch_.data(), SquaredNorm(scratch_));
  auto centroid = model_->centroids.row(nearest.index);
  for (std::size_t j = 0; j < len_; ++j) {
    sum_[j] += centroid[j] * scale.scale + scale.offset * window_[j];
    weight_[j] += window_[j];
  }
  double squared = 0.0, largest = 0.0;
  for (std::size_t j = 0; j < hop_len_; ++j) {
    const double recon = weight_[j] > 0.0 ? sum_[j] / weight_[j] : 0.0;
    out_values_[j] = samples_[j];
    out_recon_[j] = recon;
    out_error_[j] = recon - samples_[j];
    squared += out_error_[j] * out_error_[j];
    largest = std::max(largest, std::abs(out_error_[j]));
  }
  hop_.first_index = segment_start_;
  hop_.values = out_values_;
  hop_.reconstruction = out_recon_;
  hop_.error = out_error_;
  hop_.centroid = nearest.index;
  hop_.rms_error = std::sqrt(squared / static_cast<double>(hop_len_));
  hop_.max_abs_error = largest;
  // Slide by one hop.
  std::copy(samples_.begin() + hop_len_, samples_.end(), samples_.begin());
  std::copy(sum_.begin() + hop_len_, sum_.end(), sum_.begin());
  std::copy(weight_.begin() + hop_len_, weight_.end(), weight_.begin());
  std::fill(sum_.end() - hop_len_, sum_.end(), 0.0);
  std::fill(weight_.end() - hop_len_, weight_.end(), 0.0);
  filled_ = len_ - hop_len_;
  segment_start_ += hop_len_;
}

}  // namespace shapewatch
