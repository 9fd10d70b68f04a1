#include "tests/eval/synthetic_series.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace shapewatch::eval {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

constexpr struct {
  SyntheticKind kind;
  std::string_view name;
} kNames[] = {{SyntheticKind::kRequests, "requests"},
              {SyntheticKind::kCpu, "cpu"},
              {SyntheticKind::kLatency, "latency"},
              {SyntheticKind::kDisk, "disk"}};

// SplitMix64 and Box-Muller: the same numbers on every platform.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Gaussian() {
    const double u = 1.0 - Uniform(), v = Uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(kTwoPi * v);
  }

 private:
  std::uint64_t state_;
};

// Time of day in [0, 1) and day of week (0 = Monday) of minute `i`.
double DayPhase(std::size_t i) {
  return static_cast<double>(i % kSamplesPerDay) / static_cast<double>(kSamplesPerDay);
}
std::size_t Weekday(std::size_t i) { return (i / kSamplesPerDay) % 7; }

// Office-hours traffic: low at night, a morning and an afternoon peak.
double DailyLoad(double phase) {
  const double morning = std::exp(-std::pow((phase - 0.42) / 0.08, 2.0));
  const double afternoon = std::exp(-std::pow((phase - 0.65) / 0.10, 2.0));
  return 0.25 + 0.6 * morning + 0.75 * afternoon;
}

std::vector<double> Requests(std::size_t n, Random& random) {
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double weekly = Weekday(i) >= 5 ? 0.55 : 1.0;
    const double rate = 800.0 * DailyLoad(DayPhase(i)) * weekly;
    out[i] = std::max(0.0, std::round(rate + std::sqrt(rate) * random.Gaussian()));
  }
  return out;
}

std::vector<double> Cpu(std::size_t n, Random& random) {
  std::vector<double> out(n);
  std::size_t burst_left = 0;
  double burst_height = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (burst_left == 0 && random.Uniform() < 1.0 / 240.0) {
      burst_left = 5 + static_cast<std::size_t>(random.Uniform() * 15.0);
      burst_height = 15.0 + 20.0 * random.Uniform();
    }
    const double trend = 0.3 * static_cast<double>(i) / static_cast<double>(kSamplesPerDay);
    double v = 20.0 + 25.0 * DailyLoad(DayPhase(i)) + trend + 2.0 * random.Gaussian();
    if (burst_left > 0) {
      v += burst_height;
      --burst_left;
    }
    out[i] = std::clamp(v, 0.0, 100.0);
  }
  return out;
}

std::vector<double> Latency(std::size_t n, Random& random) {
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double median = 40.0 + 30.0 * DailyLoad(DayPhase(i));
    double v = median * std::exp(0.25 * random.Gaussian());
    // One minute in a hundred has a slow outlier: Pareto with index 2.5.
    if (random.Uniform() < 0.01) v *= std::pow(1.0 - random.Uniform(), -1.0 / 2.5);
    out[i] = std::round(v * 10.0) / 10.0;
  }
  return out;
}

std::vector<double> Disk(std::size_t n, Random& random) {
  std::vector<double> out(n);
  double used = 40.0, rate = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 60 == 0) rate = (0.02 + 0.03 * DailyLoad(DayPhase(i))) * (0.8 + 0.4 * random.Uniform());
    used += rate + 0.01 * random.Gaussian();
    if (used >= 85.0) used = 38.0 + 4.0 * random.Uniform();  // cleanup job
    out[i] = std::round(used * 100.0) / 100.0;
  }
  return out;
}

}  // namespace

std::string_view SyntheticKindName(SyntheticKind kind) {
  for (const auto& entry : kNames) {
    if (entry.kind == kind) return entry.name;
  }
  return "?";
}

std::optional<SyntheticKind> ParseSyntheticKind(std::string_view name) {
  for (const auto& entry : kNames) {
    if (entry.name == name) return entry.kind;
  }
  return std::nullopt;
}

std::vector<double> MakeSyntheticSeries(SyntheticKind kind, std::size_t days, std::uint64_t seed) {
  const std::size_t n = days * kSamplesPerDay;
  Random random(seed * 0x100000001b3ULL + static_cast<std::uint64_t>(kind) + 1);
  switch (kind) {
    case SyntheticKind::kRequests:
      return Requests(n, random);
    case SyntheticKind::kCpu:
      return Cpu(n, random);
    case SyntheticKind::kLatency:
      return Latency(n, random);
    case SyntheticKind::kDisk:
      return Disk(n, random);
  }
  return {};
}

}  // namespace shapewatch::eval
