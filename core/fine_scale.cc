#include "core/fine_scale.h"

#include <algorithm>
#include <cmath>

namespace shapewatch {

std::optional<ShapeParams> FineScaleParams(const ShapeParams& coarse) {
  for (std::size_t h = coarse.hop / 4; h >= 2; --h) {
    if (coarse.hop % h != 0) continue;
    ShapeParams fine = coarse;
    fine.segment_len = 2 * h;
    fine.hop = h;
    return fine;
  }
  return std::nullopt;
}

std::optional<double> BlockError::Add(const Hop& hop) {
  const auto n = static_cast<double>(hop.values.size());
  sum_squares_ += hop.rms_error * hop.rms_error * n;
  max_abs_ = std::max(max_abs_, hop.max_abs_error);
  samples_ += hop.values.size();
  if ((hop.first_index + hop.values.size()) % block_ != 0) return std::nullopt;
  Hop block;
  block.rms_error = std::sqrt(sum_squares_ / static_cast<double>(samples_));
  block.max_abs_error = max_abs_;
  Reset();
  return ScoredError(block, statistic_);
}

void BlockError::Reset() {
  sum_squares_ = max_abs_ = 0.0;
  samples_ = 0;
}

FineScaleScorer::FineScaleScorer(std::shared_ptr<const Model> fine, std::size_t block,
                                 ErrorStatistic statistic)
    : reconstructor_(fine), block_(block, statistic), scorer_(fine->calibration) {}

void FineScaleScorer::Push(double value) {
  if (!reconstructor_.Push(value)) return;
  if (std::optional<double> error = block_.Add(reconstructor_.last_hop())) {
    pending_tail_ = std::min(pending_tail_, scorer_.Tail(*error));
    scorer_.Add(*error);
  }
}

double FineScaleScorer::TakeTail() {
  const double tail = pending_tail_;
  pending_tail_ = 1.0;
  return tail;
}

void FineScaleScorer::Reset() {
  reconstructor_.Reset();
  block_.Reset();
  pending_tail_ = 1.0;
}

std::vector<double> BlockErrors(const std::shared_ptr<const Model>& fine,
                                std::span<const double> signal, std::size_t block,
                                ErrorStatistic statistic, const ExcludedSamples& excluded) {
  std::vector<double> out;
  for (std::size_t phase = 0; phase < block && phase < signal.size(); phase += fine->params.hop) {
    StreamingReconstructor reconstructor(fine);
    BlockError errors(block, statistic);
    for (std::size_t i = phase; i < signal.size(); ++i) {
      if (!reconstructor.Push(signal[i])) continue;
      const Hop& hop = reconstructor.last_hop();
      if (std::optional<double> error = errors.Add(hop)) {
        // The block's samples and every segment that reconstructed them.
        const std::size_t block_end = phase + hop.first_index + hop.values.size();
        const std::size_t reach = block + fine->params.segment_len;
        if (!excluded.AnyIn(block_end > reach ? block_end - reach : 0, i + 1))
          out.push_back(*error);
      }
    }
  }
  return out;
}

}  // namespace shapewatch
