// Synthetic monitoring-like series for `shapewatch evaluate`: what the
// detector sees in production rather than in a physiological recording. One
// sample per minute; deterministic for a seed on every platform (own
// generator and transforms, no std distributions). Independent of shapewatch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace shapewatch::eval {

// kRequests: request rate, daily (two peaks) and weekly (quiet weekend)
// cycles, Poisson-like noise. kCpu: CPU %, daily cycle, slow upward trend,
// short bursts of batch work. kLatency: latency in ms, daily cycle, lognormal
// noise with a Pareto tail. kDisk: disk use %, filling at a varying rate and
// cleaned up when nearly full (a sawtooth with an irregular period).
enum class SyntheticKind { kRequests, kCpu, kLatency, kDisk };

inline constexpr SyntheticKind kAllSyntheticKinds[] = {
    SyntheticKind::kRequests, SyntheticKind::kCpu, SyntheticKind::kLatency, SyntheticKind::kDisk};

inline constexpr std::size_t kSamplesPerDay = 24 * 60;

std::string_view SyntheticKindName(SyntheticKind kind);
std::optional<SyntheticKind> ParseSyntheticKind(std::string_view name);

// `days` days of one sample per minute.
std::vector<double> MakeSyntheticSeries(SyntheticKind kind, std::size_t days, std::uint64_t seed);

}  // namespace shapewatch::eval
