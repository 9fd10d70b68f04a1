#include "tests/fuzz/fuzz_mutator.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

namespace shapewatch::fuzz {
namespace {

constexpr std::array<std::string_view, 44> kTokens = {"nan",
                                                      "NaN",
                                                      "-nan",
                                                      "inf",
                                                      "-inf",
                                                      "Infinity",
                                                      "1e999",
                                                      "-1e999",
                                                      "1e-999",
                                                      "4.9e-324",
                                                      "1.7976931348623157e308",
                                                      "-",
                                                      "+",
                                                      ".",
                                                      "-.",
                                                      "1e",
                                                      "0x1p3",
                                                      "-0",
                                                      "99999999999999999999999999999",
                                                      "18446744073709551616",
                                                      "-9223372036854775809",
                                                      "4294967296",
                                                      "-1",
                                                      "0",
                                                      "\r\n",
                                                      "\n",
                                                      "\r",
                                                      "\t",
                                                      " ",
                                                      ",",
                                                      ":",
                                                      "\"",
                                                      "'",
                                                      "\\",
                                                      std::string_view("\0", 1),
                                                      "\xff",
                                                      "{}",
                                                      "[]",
                                                      "null",
                                                      "true",
                                                      "- ",
                                                      "&a ",
                                                      "*a",
                                                      "<<: *a"};

constexpr std::array<std::string_view, 6> kNumbers = {
    "nan", "1e999", "-1", "0", "18446744073709551616", "1e-320"};

bool IsNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
}

}  // namespace

std::string Mutator::Next(const std::vector<std::string>& corpus) {
  std::string s = corpus[Below(corpus.size())];
  const std::size_t steps = 1 + Below(4);
  for (std::size_t i = 0; i < steps; ++i) Step(s, corpus);
  if (s.size() > max_len_) s.resize(max_len_);
  return s;
}

void Mutator::Step(std::string& s, const std::vector<std::string>& corpus) {
  using Op = void (Mutator::*)(std::string&);
  static constexpr Op kOps[] = {
      &Mutator::FlipBit,     &Mutator::SetByte,       &Mutator::Truncate,
      &Mutator::Erase,       &Mutator::Duplicate,     &Mutator::InsertToken,
      &Mutator::InsertToken, &Mutator::ReplaceNumber, &Mutator::InsertNesting};
  const std::size_t pick = Below(std::size(kOps) + 1);
  if (pick == std::size(kOps)) return Splice(s, corpus);
  (this->*kOps[pick])(s);
}

void Mutator::FlipBit(std::string& s) {
  if (s.empty()) return;
  s[Below(s.size())] ^= static_cast<char>(1u << Below(8));
}

void Mutator::SetByte(std::string& s) {
  if (s.empty()) return;
  s[Below(s.size())] = static_cast<char>(Below(256));
}

void Mutator::Truncate(std::string& s) { s.resize(Below(s.size() + 1)); }

void Mutator::Erase(std::string& s) {
  const std::size_t at = Below(s.size() + 1);
  s.erase(at, 1 + Below(16));
}

void Mutator::Duplicate(std::string& s) {
  const std::size_t at = Below(s.size() + 1);
  const std::string piece = s.substr(at, 1 + Below(64));
  for (std::size_t n = 1 + Below(8); n > 0; --n) s.insert(at, piece);
}

void Mutator::InsertToken(std::string& s) {
  s.insert(Below(s.size() + 1), kTokens[Below(kTokens.size())]);
}

// Replaces the run of number characters around a random position.
void Mutator::ReplaceNumber(std::string& s) {
  if (s.empty()) return;
  std::size_t begin = Below(s.size());
  if (!IsNumberChar(s[begin])) return InsertToken(s);
  std::size_t end = begin;
  while (begin > 0 && IsNumberChar(s[begin - 1])) --begin;
  while (end < s.size() && IsNumberChar(s[end])) ++end;
  s.replace(begin, end - begin, kNumbers[Below(kNumbers.size())]);
}

// Deep nesting: JSON/YAML flow brackets, or indented block mappings.
void Mutator::InsertNesting(std::string& s) {
  const std::size_t depth = 1 + Below(3000);
  std::string nest;
  switch (Below(3)) {
    case 0:
      nest = std::string(depth, '[') + std::string(Below(2) ? depth : 0, ']');
      break;
    case 1:
      nest = std::string(depth, '{');
      break;
    default:
      for (std::size_t d = 0; d < std::min<std::size_t>(depth, 200); ++d) {
        nest += std::string(d, ' ') + "a:\n";
      }
  }
  s.insert(Below(s.size() + 1), nest);
}

void Mutator::Splice(std::string& s, const std::vector<std::string>& corpus) {
  const std::string& other = corpus[Below(corpus.size())];
  const std::size_t from = Below(other.size() + 1);
  s.insert(Below(s.size() + 1), other.substr(from, 1 + Below(256)));
}

}  // namespace shapewatch::fuzz
