// Fuzz target: ModelFromJson. Properties: it never crashes; an accepted model
// round-trips (ModelToJson then ModelFromJson gives an equal model) and is
// usable: a StreamingReconstructor built on it takes a few hundred samples.
// The last catches models that validate but cannot be used.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "core/model_json.h"
#include "core/streaming_reconstructor.h"
#include "tests/fuzz/fuzz_check.h"

using shapewatch::fuzz::FuzzCheck;

namespace {

bool SameParams(const shapewatch::ShapeParams& a, const shapewatch::ShapeParams& b) {
  return a.segment_len == b.segment_len && a.hop == b.hop && a.window == b.window &&
         a.normalization == b.normalization;
}

bool SameTraining(const shapewatch::TrainingInfo& a, const shapewatch::TrainingInfo& b) {
  return a.samples == b.samples && a.slide == b.slide && a.segments == b.segments &&
         a.clusters_requested == b.clusters_requested && a.n_init == b.n_init &&
         a.max_iter == b.max_iter && a.tol == b.tol && a.seed == b.seed && a.inertia == b.inertia &&
         a.iterations == b.iterations && a.mean == b.mean && a.stddev == b.stddev &&
         a.min == b.min && a.max == b.max && a.notes == b.notes;
}

void CheckRoundTrip(const shapewatch::Model& model) {
  const std::string json = shapewatch::ModelToJson(model);
  const shapewatch::Result<shapewatch::Model> again = shapewatch::ModelFromJson(json);
  if (!again.ok()) std::fprintf(stderr, "re-parse error: %s\n", again.error().c_str());
  FuzzCheck(again.ok(), "ModelToJson output parses");
  FuzzCheck(SameParams(model.params, again->params), "params round-trip");
  FuzzCheck(model.centroids == again->centroids, "centroids round-trip");
  FuzzCheck(SameTraining(model.training, again->training), "training info round-trips");
  FuzzCheck(model.calibration == again->calibration, "calibration round-trips");
}

// Pushes a sine with a spike and a flat stretch, as a live series might send.
void CheckUsable(shapewatch::Model model) {
  shapewatch::StreamingReconstructor reconstructor(
      std::make_shared<const shapewatch::Model>(std::move(model)));
  for (int i = 0; i < 400; ++i) {
    double v = std::sin(i * 0.2) * 100.0;
    if (i == 150) v = 1e12;
    if (i >= 250 && i < 300) v = 0.0;
    if (reconstructor.Push(v)) {
      const shapewatch::Hop& hop = reconstructor.last_hop();
      FuzzCheck(hop.centroid < reconstructor.model().centroids.rows(), "centroid in range");
      FuzzCheck(hop.values.size() == reconstructor.model().params.hop, "hop has hop samples");
    }
  }
  reconstructor.Reset();
  reconstructor.Push(1.0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = shapewatch::fuzz::AsText(data, size);
  shapewatch::Result<shapewatch::Model> model = shapewatch::ModelFromJson(text);
  if (!model.ok()) {
    FuzzCheck(!model.error().empty(), "a refusal has a message");
    return 0;
  }
  CheckRoundTrip(*model);
  CheckUsable(std::move(*model));
  return 0;
}
