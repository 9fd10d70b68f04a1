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

std::optional<BlockError::Block> BlockError::Add(const Hop& hop) {
  const auto n = static_cast<double>(hop.values.size());
  sum_squares_ += hop.rms_error * hop.rms_error * n;
  max_abs_ = std::max(max_abs_, hop.max_abs_error);
  samples_ += hop.values.size();
  const std::uint64_t end = hop.first_index + hop.values.size();
  if (end < origin_ || (end - origin_) % block_ != 0) return std::nullopt;
  Hop block;
  block.rms_error = std::sqrt(sum_squares_ / static_cast<double>(samples_));
  block.max_abs_error = max_abs_;
  Reset(end);
  return Block{end - block_, ScoredError(block, statistic_)};
}

void BlockError::Reset(std::uint64_t origin) {
  origin_ = origin;
  sum_squares_ = max_abs_ = 0.0;
  samples_ = 0;
}

FineScaleScorer::FineScaleScorer(std::shared_ptr<const Model> fine, std::size_t block,
                                 ErrorStatistic statistic)
    : reconstructor_(fine), block_(block, statistic), scorer_(fine->calibration) {}

// Blocks waiting for their hop: a valid fine scale completes a block before
// the model's hop over the same samples is final, so a few at most.
constexpr std::size_t kMaxReadyBlocks = 64;

void FineScaleScorer::Push(double value) {
  if (!reconstructor_.Push(value)) return;
  if (std::optional<BlockError::Block> b = block_.Add(reconstructor_.last_hop())) {
    ready_.push_back(*b);
    if (ready_.size() > kMaxReadyBlocks) ready_.pop_front();
  }
}

std::optional<double> FineScaleScorer::TakeBlock(std::uint64_t first_index) {
  while (!ready_.empty() && ready_.front().first_index < first_index) ready_.pop_front();
  if (ready_.empty() || ready_.front().first_index != first_index) return std::nullopt;
  const double error = ready_.front().error;
  ready_.pop_front();
  return error;
}

void FineScaleScorer::Reset() {
  reconstructor_.Reset();
  block_.Reset(reconstructor_.samples_pushed());
  ready_.clear();
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
      if (std::optional<BlockError::Block> b = errors.Add(hop)) {
        // The block's samples and every segment that reconstructed them.
        const std::size_t block_end = phase + hop.first_index + hop.values.size();
        const std::size_t reach = block + fine->params.segment_len;
        if (!excluded.AnyIn(block_end > reach ? block_end - reach : 0, i + 1)) {
          out.push_back(b->error);
        }
      }
    }
  }
  return out;
}

}  // namespace shapewatch
