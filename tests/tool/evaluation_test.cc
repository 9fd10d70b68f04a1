// The pieces of `shapewatch evaluate`: injection, windows, AUC, thresholds.
#include "daemon/tool/evaluation.h"

#include <gtest/gtest.h>

#include "daemon/tool/event_scoring.h"

namespace shapewatch::tool {
namespace {

std::vector<double> Ramp(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = 100.0 + static_cast<double>(i % 50);
  return v;
}

std::vector<double> InjectAll(std::uint64_t seed, AnomalyKind kind) {
  const InjectionContext context{32, 50, 3.0};
  EvalRandom random(seed);
  std::vector<double> series = Ramp(20000);
  for (const InjectedEvent& e : PlaceEvents(kind, 10, 1000, 20000, 500, context, random)) {
    InjectEvent(series, e, context, random);
  }
  return series;
}

TEST(AnomalyInjection, SameSeedSameSeriesOtherSeedOtherSeries) {
  for (AnomalyKind kind : kAllAnomalyKinds) {
    EXPECT_EQ(InjectAll(7, kind), InjectAll(7, kind)) << AnomalyKindName(kind);
    EXPECT_NE(InjectAll(7, kind), InjectAll(8, kind)) << AnomalyKindName(kind);
  }
}

TEST(AnomalyInjection, EventsStayInRangeApartAndChangeOnlyTheirSamples) {
  const InjectionContext context{32, 50, 3.0};
  EvalRandom random(1);
  const auto events = PlaceEvents(AnomalyKind::kZero, 10, 1000, 20000, 500, context, random);
  ASSERT_EQ(events.size(), 10u);
  std::vector<double> series = Ramp(20000);
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_GE(events[i].start, 1000u);
    EXPECT_LE(events[i].end, 20000u);
    EXPECT_EQ(events[i].end - events[i].start, EventLength(AnomalyKind::kZero, context));
    if (i > 0) {
      EXPECT_GT(events[i].start, events[i - 1].end + 500);
    }
    InjectEvent(series, events[i], context, random);
  }
  const std::vector<double> clean = Ramp(20000);
  for (std::size_t s = 0; s < series.size(); ++s) {
    const bool inside = std::any_of(events.begin(), events.end(), [s](const InjectedEvent& e) {
      return s >= e.start && s < e.end;
    });
    EXPECT_EQ(series[s], inside ? 0.0 : clean[s]) << s;
  }
}

TEST(AnomalyInjection, KindsParseByName) {
  for (AnomalyKind kind : kAllAnomalyKinds) {
    EXPECT_EQ(ParseAnomalyKind(AnomalyKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseAnomalyKind("glitch").has_value());
}

TEST(RocAuc, PerfectReversedTiedAndRandomScores) {
  const std::vector<double> high{0.9, 0.95, 0.99}, low{0.1, 0.2, 0.3, 0.4};
  EXPECT_EQ(RocAuc(high, low), 1.0);
  EXPECT_EQ(RocAuc(low, high), 0.0);
  EXPECT_EQ(RocAuc(std::vector<double>(5, 0.5), std::vector<double>(7, 0.5)), 0.5);
  EvalRandom random(3);
  std::vector<double> a(2000), b(2000);
  for (double& v : a) v = random.Uniform();
  for (double& v : b) v = random.Uniform();
  EXPECT_NEAR(RocAuc(a, b), 0.5, 0.03);
}

TEST(ThresholdAtFalseAlarmRate, AllowsAtMostTheRateOfCleanAlarms) {
  std::vector<double> clean(2000);
  for (std::size_t i = 0; i < clean.size(); ++i) clean[i] = static_cast<double>(i);
  const double t = ThresholdAtFalseAlarmRate(clean, 0.001);  // 2 alarms allowed
  EXPECT_GT(t, 1997.0);
  EXPECT_LE(t, 1998.0);
  EXPECT_GT(ThresholdAtFalseAlarmRate({1.0, 2.0, 3.0}, 0.001), 3.0);
}

TEST(CleanWindows, KeepTheirDistanceFromEveryEvent) {
  const std::vector<SampleRange> events{{1000, 1040}, {5000, 5040}};
  const auto clean = CleanWindows(events, {0, 8000}, 40, 200);
  ASSERT_FALSE(clean.empty());
  for (SampleRange w : clean) {
    EXPECT_EQ(w.end - w.begin, 40u);
    for (SampleRange e : events) EXPECT_TRUE(w.end + 200 <= e.begin || e.end + 200 <= w.begin);
  }
}

}  // namespace
}  // namespace shapewatch::tool
