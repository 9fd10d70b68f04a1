// kmeans_compare: the C++ half of compare_sklearn.sh. Fits k-means on the
// blog's segments (first 8192 ECG samples, L=32, seed window, slide 2, k=150,
// n_init=10, tol 1e-4, max_iter 300) once per seed and prints JSON with the
// wall time and inertia of each fit, plus a checksum of the segments so the
// Python side can prove it clusters the identical rows.
//
//   kmeans_compare [CSV] [SEED...]     (defaults: the bundled ECG, seeds 0..4)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/kmeans.h"
#include "core/segments.h"
#include "core/window.h"
#include "tests/core/ecg_data.h"

using namespace shapewatch;

int main(int argc, char** argv) {
  const std::string csv = argc > 1 ? argv[1] : testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR);
  std::vector<std::uint64_t> seeds;
  for (int i = 2; i < argc; ++i) seeds.push_back(std::strtoull(argv[i], nullptr, 10));
  if (seeds.empty()) seeds = {0, 1, 2, 3, 4};

  const std::vector<double> signal = testing::LoadDataCsv(csv, 8192);
  const Matrix x =
      SlidingSegments(signal, MakeWindow(WindowKind::kSeed, 32), 2, Normalization::kNone);
  double checksum = 0.0;
  for (std::size_t i = 0; i < x.rows() * x.cols(); ++i) checksum += x.data()[i];

  std::printf("{\"rows\": %zu, \"cols\": %zu, \"checksum\": %.17g, \"runs\": [", x.rows(), x.cols(),
              checksum);
  for (std::size_t s = 0; s < seeds.size(); ++s) {
    KMeansOptions options;
    options.seed = seeds[s];
    const auto start = std::chrono::steady_clock::now();
    Result<KMeansResult> fit = FitKMeans(x, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!fit.ok()) {
      std::fprintf(stderr, "kmeans_compare: %s\n", fit.error().c_str());
      return 1;
    }
    std::printf(
        "%s{\"seed\": %llu, \"seconds\": %.6f, \"inertia\": %.17g, "
        "\"iterations\": %zu}",
        s ? ", " : "", static_cast<unsigned long long>(seeds[s]), seconds, fit->inertia,
        fit->iterations);
  }
  std::printf("]}\n");
  return 0;
}
