// Deterministic input mutations for fuzz_driver_main.cc: byte flips,
// truncations, deletions, duplications, splices and insertions of tokens that
// parsers of numbers, lines and YAML/JSON tend to get wrong ("nan", "1e999",
// "-", "\r\n", huge integers, deep nesting). Same seed, same sequence.
// One per driver; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace shapewatch::fuzz {

class Mutator {
 public:
  Mutator(std::uint64_t seed, std::size_t max_len) : rng_(seed), max_len_(max_len) {}

  // A mutation (1 to 4 steps) of one of `corpus`, at most max_len bytes.
  std::string Next(const std::vector<std::string>& corpus);

 private:
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : rng_() % n; }
  void Step(std::string& s, const std::vector<std::string>& corpus);
  void FlipBit(std::string& s);
  void SetByte(std::string& s);
  void Truncate(std::string& s);
  void Erase(std::string& s);
  void Duplicate(std::string& s);
  void InsertToken(std::string& s);
  void ReplaceNumber(std::string& s);
  void InsertNesting(std::string& s);
  void Splice(std::string& s, const std::vector<std::string>& corpus);

  std::mt19937_64 rng_;
  std::size_t max_len_;
};

}  // namespace shapewatch::fuzz
