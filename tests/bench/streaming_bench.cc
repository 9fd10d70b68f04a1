// BM_StreamingReconstruction: samples/s through StreamingReconstructor with a
// k=150, L=32 model (hann window, no normalisation) trained on the ECG, fed
// the next 65536 ECG samples in blocks of 4096.
// BM_SeriesDetector/0 and /1: samples/s through SeriesDetector (what the
// daemon's detector thread runs per sample: reconstruction, scoring, history)
// with the default model (L=32, centre, k=150), without and with its fine
// scale. BM_TrainModel/0 and /1: one default training on 8192 ECG samples
// (n_init 10), without and with the fine scale.
#include <benchmark/benchmark.h>

#include <memory>

#include "core/model_trainer.h"
#include "core/series_detector.h"
#include "core/streaming_reconstructor.h"
#include "tests/core/ecg_data.h"

namespace shapewatch {
namespace {

void BM_StreamingReconstruction(benchmark::State& state) {
  const std::vector<double> ecg =
      testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 8192 + 65536);
  const std::span<const double> train(ecg.data(), 8192);
  const std::span<const double> stream(ecg.data() + 8192, 65536);
  TrainOptions options;  // L=32, hop 16, hann, none, k=150
  options.kmeans.n_init = 1;
  auto model = std::make_shared<const Model>(*TrainModel(train, options));
  StreamingReconstructor reconstructor(model);
  double checksum = 0.0;
  for (auto _ : state) {
    reconstructor.Reset();
    for (std::size_t at = 0; at < stream.size(); at += 4096) {
      reconstructor.Push(stream.subspan(at, 4096),
                         [&](const Hop& hop) { checksum += hop.rms_error; });
    }
  }
  benchmark::DoNotOptimize(checksum);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
}
BENCHMARK(BM_StreamingReconstruction)->Unit(benchmark::kMicrosecond);

void BM_SeriesDetector(benchmark::State& state) {
  const std::vector<double> ecg =
      testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 8192 + 65536);
  TrainOptions options;
  options.kmeans.n_init = 1;
  options.fine_scale = state.range(0) != 0;
  auto model = std::make_shared<const Model>(*TrainModel(std::span(ecg).first(8192), options));
  const std::span<const double> stream(ecg.data() + 8192, 65536);
  double checksum = 0.0;
  for (auto _ : state) {
    SeriesDetector detector(model, DetectorOptions{});
    for (double v : stream) {
      if (const ScoredHop* h = detector.Push(v)) checksum += h->score;
    }
  }
  benchmark::DoNotOptimize(checksum);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
}
BENCHMARK(BM_SeriesDetector)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_TrainModel(benchmark::State& state) {
  const std::vector<double> ecg =
      testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 8192);
  TrainOptions options;
  options.fine_scale = state.range(0) != 0;
  double checksum = 0.0;
  for (auto _ : state) checksum += TrainModel(ecg, options)->training.inertia;
  benchmark::DoNotOptimize(checksum);
}
BENCHMARK(BM_TrainModel)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace shapewatch
