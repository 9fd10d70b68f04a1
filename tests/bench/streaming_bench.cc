// BM_StreamingReconstruction: samples/s through StreamingReconstructor with a
// k=150, L=32 model (hann window, no normalisation) trained on the ECG, fed
// the next 65536 ECG samples in blocks of 4096.
#include <benchmark/benchmark.h>

#include <memory>

#include "core/model_trainer.h"
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

}  // namespace
}  // namespace shapewatch
