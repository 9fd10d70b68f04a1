// FineScale: a second, shorter reconstruction beside the model's own. Segments
// of the model's length L see a slope or a beat as a whole; a change inside
// it — a pulse played slower, noise on a smooth stretch — is often a shape
// that L-long segments still match. A model of segments a quarter as long
// (or shorter: its hop must divide the model's hop) reconstructs the same
// samples from its own library; its errors are summed over blocks of the
// model's hop, so that each scored hop has one fine-scale error, ranked
// against that scale's own history (tests/eval/README.md, "Fine scale").
//
// FineScaleScorer is a plain value, not thread-safe (one per detector); the
// functions are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/anomaly_scorer.h"
#include "core/error_sketch.h"
#include "core/model.h"
#include "core/streaming_reconstructor.h"
#include "core/training_exclusion.h"

namespace shapewatch {

// The fine scale of `coarse`: hop h = the largest divisor of coarse.hop that
// is at most coarse.hop / 4, L = 2h, the same window, normalisation and error;
// nullopt when that h is below 2 (a hop under 8, or a prime one).
std::optional<ShapeParams> FineScaleParams(const ShapeParams& coarse);

// The errors of consecutive fine hops gathered into blocks of `block`
// samples (the model's hop), aligned as the model's hops are: at `origin`
// (where the series started or was last reset) plus multiples of `block`.
// A block is scored as one hop would be (ScoredError).
class BlockError {
 public:
  struct Block {
    std::uint64_t first_index = 0;  // of the block's first sample
    double error = 0.0;
  };

  BlockError(std::size_t block, ErrorStatistic statistic) : block_(block), statistic_(statistic) {}

  // Adds a fine hop; returns the block when the hop completes one.
  std::optional<Block> Add(const Hop& hop);
  // Starts over: the next block begins at sample `origin`.
  void Reset(std::uint64_t origin);

 private:
  std::size_t block_;
  ErrorStatistic statistic_;
  std::uint64_t origin_ = 0;
  double sum_squares_ = 0.0, max_abs_ = 0.0;
  std::size_t samples_ = 0;
};

class FineScaleScorer {
 public:
  // `fine` is the model's fine_scale (its calibration holds block errors);
  // blocks are `block` samples long, scored with `statistic`.
  FineScaleScorer(std::shared_ptr<const Model> fine, std::size_t block, ErrorStatistic statistic);

  // Adds the next sample.
  void Push(double value);
  // The error of the block that starts at `first_index` (the model's hop
  // that just became final), once; blocks before it are dropped. nullopt
  // when there is none (a model whose fine scale lags its hops, which
  // ModelFromJson refuses).
  std::optional<double> TakeBlock(std::uint64_t first_index);
  // Ranks a block error against the history / adds it (SeriesDetector
  // weights and decays it as it does the model's own errors).
  const AnomalyScorer& scorer() const { return scorer_; }
  AnomalyScorer& scorer() { return scorer_; }
  // Forgets the samples (after a gap in the series); keeps the history.
  void Reset();

 private:
  StreamingReconstructor reconstructor_;
  BlockError block_;
  AnomalyScorer scorer_;
  std::deque<BlockError::Block> ready_;  // completed, not yet taken
};

// The block errors of `fine` on `signal` (its training data), from every
// phase of the fine hop within a block; blocks whose samples or segments
// hold an excluded sample are left out. In-sample: the fine model saw these
// segments (the history then follows the scored data).
std::vector<double> BlockErrors(const std::shared_ptr<const Model>& fine,
                                std::span<const double> signal, std::size_t block,
                                ErrorStatistic statistic, const ExcludedSamples& excluded = {});

}  // namespace shapewatch
