// shapewatch_synthetic KIND DAYS SEED OUT.csv: writes one synthetic series
// (tests/eval/synthetic_series.h) as a one-column CSV for `shapewatch evaluate`.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/eval/synthetic_series.h"

int main(int argc, char** argv) {
  using shapewatch::eval::ParseSyntheticKind;
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s requests|cpu|latency|disk DAYS SEED OUT.csv\n", argv[0]);
    return 2;
  }
  const auto kind = ParseSyntheticKind(argv[1]);
  const long days = std::strtol(argv[2], nullptr, 10);
  if (!kind || days <= 0) {
    std::fprintf(stderr, "%s: bad kind '%s' or days '%s'\n", argv[0], argv[1], argv[2]);
    return 2;
  }
  const auto seed = std::strtoull(argv[3], nullptr, 10);
  std::ofstream out(argv[4]);
  out << "value\n";
  for (double v :
       shapewatch::eval::MakeSyntheticSeries(*kind, static_cast<std::size_t>(days), seed)) {
    out << v << "\n";
  }
  out.close();
  if (!out) {
    std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[4]);
    return 1;
  }
  return 0;
}
