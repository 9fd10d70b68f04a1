#include "daemon/tool/anomaly_injection.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace shapewatch::tool {
namespace {

constexpr struct {
  AnomalyKind kind;
  std::string_view name;
} kNames[] = {{AnomalyKind::kZero, "zero"},   {AnomalyKind::kSpike, "spike"},
              {AnomalyKind::kFlat, "flat"},   {AnomalyKind::kLevel, "level"},
              {AnomalyKind::kShape, "shape"}, {AnomalyKind::kNoise, "noise"}};

constexpr double kSpikeScales = 10.0;
constexpr double kLevelScales = 4.0;
constexpr double kNoiseScales = 0.5;

double MedianOf(std::span<const double> values) {
  std::vector<double> v(values.begin(), values.end());
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// One period: amplitude around its median, or time, changed by a random
// factor. Returns the variant drawn.
std::string_view ChangeShape(std::span<double> span, EvalRandom& random) {
  const std::vector<double> original(span.begin(), span.end());
  const std::size_t variant = random.Below(4);
  if (variant < 2) {
    const double factor = variant == 0 ? 0.4 : 1.8;
    const double median = MedianOf(original);
    for (double& v : span) v = median + factor * (v - median);
    return variant == 0 ? "amplitude x0.4" : "amplitude x1.8";
  }
  // Time-stretch: sample the period at a different speed, linearly interpolated.
  const double speed = variant == 2 ? 1.4 : 0.7;
  const double last = static_cast<double>(original.size() - 1);
  for (std::size_t i = 0; i < span.size(); ++i) {
    const double at = std::fmod(static_cast<double>(i) * speed, last);
    const auto lo = static_cast<std::size_t>(at);
    const double frac = at - static_cast<double>(lo);
    const std::size_t hi = std::min(lo + 1, original.size() - 1);
    span[i] = (1.0 - frac) * original[lo] + frac * original[hi];
  }
  return variant == 2 ? "time x1.4" : "time x0.7";
}

}  // namespace

std::string_view AnomalyKindName(AnomalyKind kind) {
  for (const auto& entry : kNames) {
    if (entry.kind == kind) return entry.name;
  }
  return "?";
}

std::optional<AnomalyKind> ParseAnomalyKind(std::string_view name) {
  for (const auto& entry : kNames) {
    if (entry.name == name) return entry.kind;
  }
  return std::nullopt;
}

std::size_t EventLength(AnomalyKind kind, const InjectionContext& context) {
  const std::size_t len = context.segment_len, period = std::max<std::size_t>(context.period, 4);
  switch (kind) {
    case AnomalyKind::kZero:
      return std::max<std::size_t>(len / 2, 2);
    case AnomalyKind::kSpike:
      return 1;
    case AnomalyKind::kFlat:
      return std::max(len, period / 2);
    case AnomalyKind::kLevel:
      return 2 * std::max(len, period);
    case AnomalyKind::kShape:
      return period;
    case AnomalyKind::kNoise:
      return std::max(len, period);
  }
  return len;
}

std::uint64_t EvalRandom::Next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double EvalRandom::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

std::size_t EvalRandom::Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }

double EvalRandom::Gaussian() {
  const double u = 1.0 - Uniform();  // (0, 1]
  const double v = Uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
}

std::vector<InjectedEvent> PlaceEvents(AnomalyKind kind, std::size_t count, std::size_t from,
                                       std::size_t to, std::size_t min_slot,
                                       const InjectionContext& context, EvalRandom& random) {
  const std::size_t length = EventLength(kind, context);
  const std::size_t span = to > from ? to - from : 0;
  count = std::min(count, span / std::max(min_slot, 4 * length));
  std::vector<InjectedEvent> events;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t slot = span / count, slot_start = from + i * slot;
    const std::size_t room = slot / 2 > length ? slot / 2 - length : 1;
    const std::size_t start = slot_start + slot / 4 + random.Below(room);
    events.push_back({kind, start, start + length, {}});
  }
  return events;
}

std::string_view InjectEvent(std::vector<double>& series, const InjectedEvent& event,
                             const InjectionContext& context, EvalRandom& random) {
  const std::span<double> span(series.data() + event.start, event.end - event.start);
  const double scale = context.scale;
  switch (event.kind) {
    case AnomalyKind::kZero:
      std::fill(span.begin(), span.end(), 0.0);
      return "";
    case AnomalyKind::kSpike: {
      const bool up = random.Below(2) != 0;
      span[0] += (up ? 1.0 : -1.0) * kSpikeScales * scale;
      return up ? "up" : "down";
    }
    case AnomalyKind::kFlat:
      std::fill(span.begin(), span.end(), event.start > 0 ? series[event.start - 1] : span[0]);
      return "";
    case AnomalyKind::kLevel: {
      const bool up = random.Below(2) != 0;
      const double shift = (up ? 1.0 : -1.0) * kLevelScales * scale;
      for (double& v : span) v += shift;
      return up ? "up" : "down";
    }
    case AnomalyKind::kShape:
      return ChangeShape(span, random);
    case AnomalyKind::kNoise:
      for (double& v : span) v += kNoiseScales * scale * random.Gaussian();
      return "";
  }
  return "";
}

}  // namespace shapewatch::tool
