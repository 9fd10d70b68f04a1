// Synthetic anomalies for `shapewatch evaluate`: the kinds, where they go and
// how they change a recording. Magnitudes are multiples of the series' own
// robust scale (RobustScale of the training part), so the same evaluation
// works in any units. Deterministic for a seed, on every platform (own
// generator and transforms, no std distributions). Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shapewatch::tool {

// kZero: samples set to 0 (the blog's manipulation). kSpike: one sample
// moved by 10 scales. kFlat: the signal held at its value. kLevel: a shift
// of 4 scales for a while. kShape: one period scaled in amplitude (x0.4 or
// x1.8 around its median) or time-stretched (x1.4 or x0.7). kNoise: Gaussian
// noise of 0.5 scales added.
enum class AnomalyKind { kZero, kSpike, kFlat, kLevel, kShape, kNoise };

inline constexpr AnomalyKind kAllAnomalyKinds[] = {AnomalyKind::kZero,  AnomalyKind::kSpike,
                                                   AnomalyKind::kFlat,  AnomalyKind::kLevel,
                                                   AnomalyKind::kShape, AnomalyKind::kNoise};

std::string_view AnomalyKindName(AnomalyKind kind);
std::optional<AnomalyKind> ParseAnomalyKind(std::string_view name);

struct InjectionContext {
  std::size_t segment_len = 32;  // L of the model
  std::size_t period = 32;       // the series' dominant period (L if none)
  double scale = 1.0;            // robust scale of the training part
};

// Samples [start, end) are changed.
struct InjectedEvent {
  AnomalyKind kind = AnomalyKind::kZero;
  std::size_t start = 0, end = 0;
  std::string_view variant;  // set once injected (InjectEvent's result)
};

// How many samples an event of `kind` changes.
std::size_t EventLength(AnomalyKind kind, const InjectionContext& context);

// SplitMix64: small, fast, and the same sequence everywhere.
class EvalRandom {
 public:
  explicit EvalRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  double Uniform();                  // [0, 1)
  std::size_t Below(std::size_t n);  // [0, n), n > 0
  double Gaussian();                 // standard normal (Box-Muller)

 private:
  std::uint64_t state_;
};

// `count` events of `kind` in [from, to): the range is cut into equal slots
// and each event starts at a random place in the middle half of its slot, so
// events are far apart and clean stretches lie between them. Fewer events
// when the slots would be shorter than `min_slot` samples.
std::vector<InjectedEvent> PlaceEvents(AnomalyKind kind, std::size_t count, std::size_t from,
                                       std::size_t to, std::size_t min_slot,
                                       const InjectionContext& context, EvalRandom& random);

// Applies `event` to `series` in place. Returns which variant of its kind
// was drawn ("up"/"down" for a spike or a level shift; "amplitude x0.4",
// "amplitude x1.8", "time x1.4" or "time x0.7" for a shape; empty for the
// kinds without variants); a static string.
std::string_view InjectEvent(std::vector<double>& series, const InjectedEvent& event,
                             const InjectionContext& context, EvalRandom& random);

}  // namespace shapewatch::tool
