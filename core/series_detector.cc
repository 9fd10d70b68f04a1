#include "core/series_detector.h"

namespace shapewatch {

SeriesDetector::SeriesDetector(std::shared_ptr<const Model> model,
                               DetectorOptions options)
    : reconstructor_(model), scorer_(model->calibration), options_(options) {}

const ScoredHop* SeriesDetector::Push(double value) {
  if (!reconstructor_.Push(value)) return nullptr;
  const Hop& hop = reconstructor_.last_hop();
  last_.hop = &hop;
  last_.score = scorer_.Observe(hop.rms_error);
  last_.anomalous = last_.score >= options_.threshold;
  ++hops_;
  return &last_;
}

}  // namespace shapewatch
