// Test-only helper: reads the bundled recordings of tests/data/ (one integer
// per line after a header, see tests/data/README.md). Shared by tests/core and
// tests/bench; aborts the program on a missing file, since every caller needs
// the data to mean anything. Not for production code.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace shapewatch::testing {

// The first `limit` samples (all if 0) of a tests/data CSV file.
inline std::vector<double> LoadDataCsv(const std::string& path, std::size_t limit = 0) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::abort();
  }
  std::vector<double> values;
  std::string line;
  std::getline(in, line);  // header "value"
  while (std::getline(in, line) && (limit == 0 || values.size() < limit)) {
    values.push_back(std::stod(line));
  }
  return values;
}

inline std::string EcgPath(const std::string& data_dir) { return data_dir + "/ecg_mcl1_500hz.csv"; }

}  // namespace shapewatch::testing
