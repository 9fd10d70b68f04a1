// BM_KMeansFitBlog: k-means on the blog's configuration — the first 8192
// ECG samples cut into 4081 segments of 32 (seed window, slide 2), k=150,
// n_init=10, tol 1e-4, max_iter 300.
#include <benchmark/benchmark.h>

#include "core/kmeans.h"
#include "core/segments.h"
#include "core/window.h"
#include "tests/core/ecg_data.h"

namespace shapewatch {
namespace {

Matrix BlogSegments() {
  const std::vector<double> signal =
      testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 8192);
  return SlidingSegments(signal, MakeWindow(WindowKind::kSeed, 32), 2, Normalization::kNone);
}

void BM_KMeansFitBlog(benchmark::State& state) {
  const Matrix segments = BlogSegments();
  KMeansOptions options;  // k=150, n_init=10, max_iter=300, tol=1e-4
  options.seed = static_cast<std::uint64_t>(state.range(0));
  double inertia = 0.0;
  for (auto _ : state) {
    Result<KMeansResult> fit = FitKMeans(segments, options);
    inertia = fit->inertia;
    benchmark::DoNotOptimize(inertia);
  }
  state.counters["inertia"] = inertia;
  state.counters["segments"] = static_cast<double>(segments.rows());
}
BENCHMARK(BM_KMeansFitBlog)->Arg(0)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace shapewatch
