// The alert life cycle on a manual clock: pending, firing after `for`, no
// flapping on quiet hops, resolved after `recovery`, resends, re-firing.
#include "daemon/alert/alert_tracker.h"

#include <gtest/gtest.h>

namespace shapewatch {
namespace {

using std::chrono::seconds;

AlertingConfig TestConfig() {
  AlertingConfig c;
  c.alertmanagers.push_back(HttpUrl{"127.0.0.1", 9093, ""});
  c.labels = {{"team", "ops"}};
  c.for_duration = seconds(10);
  c.recovery = seconds(20);
  c.resend_interval = seconds(30);
  return c;
}

class AlertTrackerTest : public ::testing::Test {
 protected:
  void Hop(bool anomalous, const std::string& series = "cpu") {
    shapewatch::Hop hop;
    hop.rms_error = 42.5;
    const ScoredHop scored{.hop = &hop, .score = anomalous ? 0.9995 : 0.5, .anomalous = anomalous};
    tracker.OnHop(series, scored, std::chrono::duration<double>(now - t0).count());
  }
  void HopStamped(bool anomalous, double timestamp) {
    shapewatch::Hop hop;
    tracker.OnHop("cpu", {.hop = &hop, .score = 0.9995, .anomalous = anomalous}, timestamp);
  }
  // Anomalous hops every `step` until `until` seconds after t0 (inclusive).
  void AnomalousUntil(int until, int step = 1) {
    while (now + seconds(step) <= t0 + seconds(until)) {
      now += seconds(step);
      Hop(true);
    }
  }
  void At(int s) { now = t0 + seconds(s); }
  std::vector<Alert> Sent() { return queue.TakeAll(); }

  const AlertTime t0 = AlertTime(seconds(1'700'000'000));
  AlertTime now = t0;
  prometheus::Registry registry;
  AlertMetrics metrics{registry};
  AlertQueue queue{100, metrics, nullptr};
  AlertTracker tracker{TestConfig(), queue, metrics, [this] { return now; }};
};

TEST_F(AlertTrackerTest, PendingUntilTheAnomalyLastsFor) {
  Hop(true);
  AnomalousUntil(9);
  EXPECT_TRUE(Sent().empty());
  AnomalousUntil(10);
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  const Alert& a = sent[0];
  EXPECT_FALSE(a.resolved);
  EXPECT_EQ(a.labels.at("alertname"), "ShapewatchAnomaly");
  EXPECT_EQ(a.labels.at("series"), "cpu");
  EXPECT_EQ(a.labels.at("team"), "ops");
  EXPECT_EQ(a.annotations.at("score"), "0.9995");
  EXPECT_EQ(a.annotations.at("reconstruction_error"), "42.5");
  EXPECT_NE(a.annotations.at("summary").find("cpu"), std::string::npos);
  EXPECT_EQ(a.starts_at, t0);
  EXPECT_EQ(a.ends_at, now + seconds(120));  // 4 x resend_interval
  EXPECT_EQ(tracker.firing(), 1u);
  EXPECT_EQ(metrics.firing.Value(), 1);
}

TEST_F(AlertTrackerTest, ASingleSpikeNeverFires) {
  Hop(true);
  for (int s = 1; s <= 60; ++s) {
    At(s);
    Hop(false);
    tracker.Tick();
  }
  EXPECT_TRUE(Sent().empty());
  EXPECT_EQ(tracker.firing(), 0u);
}

TEST_F(AlertTrackerTest, QuietHopsWithinRecoveryDoNotResolve) {
  Hop(true);
  AnomalousUntil(10);
  ASSERT_EQ(Sent().size(), 1u);
  At(29);  // 19 s of normal hops: one short of recovery
  Hop(false);
  tracker.Tick();
  EXPECT_TRUE(Sent().empty());
  Hop(true);  // the anomaly goes on; the quiet stretch did not end it
  At(48);
  Hop(false);
  tracker.Tick();
  std::vector<Alert> sent = Sent();  // the resend due at 40, still firing
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(tracker.firing(), 1u);
}

TEST_F(AlertTrackerTest, ResolvedOnceAfterRecovery) {
  Hop(true);
  AnomalousUntil(10);
  ASSERT_EQ(Sent().size(), 1u);
  At(30);  // the hop at 10 holds until 11, when the next one was due
  tracker.Tick();
  EXPECT_TRUE(Sent().empty());
  At(31);
  tracker.Tick();
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
  EXPECT_EQ(sent[0].starts_at, t0);
  EXPECT_EQ(sent[0].ends_at, now);
  EXPECT_EQ(metrics.firing.Value(), 0);
  At(100);
  tracker.Tick();
  Hop(false);
  EXPECT_TRUE(Sent().empty());
}

TEST_F(AlertTrackerTest, ANormalHopAlsoNoticesRecovery) {
  Hop(true);
  AnomalousUntil(10);
  Sent();
  At(31);
  Hop(false);
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
}

TEST_F(AlertTrackerTest, FiringIsResentEveryResendInterval) {
  Hop(true);
  AnomalousUntil(10);
  ASSERT_EQ(Sent().size(), 1u);
  AnomalousUntil(39, 3);
  tracker.Tick();
  EXPECT_TRUE(Sent().empty());
  At(40);
  tracker.Tick();
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(sent[0].starts_at, t0);
  EXPECT_EQ(sent[0].ends_at, now + seconds(120));
}

TEST_F(AlertTrackerTest, FiresAgainAfterResolving) {
  Hop(true);
  AnomalousUntil(10);
  At(31);
  tracker.Tick();
  ASSERT_EQ(Sent().size(), 2u);
  At(50);
  Hop(true);
  EXPECT_TRUE(Sent().empty());  // pending again
  AnomalousUntil(60);
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(sent[0].starts_at, t0 + seconds(50));
}

TEST_F(AlertTrackerTest, AGapLongerThanRecoveryStartsANewEpisode) {
  Hop(true);
  At(25);
  Hop(true);  // 25 s after the last anomalous hop: a new episode
  At(30);
  Hop(true);
  EXPECT_TRUE(Sent().empty());
  At(35);
  Hop(true);
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].starts_at, t0 + seconds(25));
}

// Metrics sent every 10 s with hop 16: a hop every 160 s, longer than
// `recovery`. An anomalous hop holds for its 160 s; one alone is not enough,
// the next one confirming it fires.
TEST_F(AlertTrackerTest, ASlowSeriesFiresWhenTheNextHopConfirmsTheAnomaly) {
  for (int s : {0, 160, 320, 480}) {
    At(s);
    Hop(false);
  }
  At(640);
  Hop(true);
  At(700);
  tracker.Tick();
  EXPECT_TRUE(Sent().empty());  // held, but a single hop
  At(800);
  Hop(true);
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(sent[0].starts_at, t0 + seconds(640));
  EXPECT_NE(sent[0].annotations.at("summary").find("for 160s"), std::string::npos)
      << sent[0].annotations.at("summary");
  At(960);
  Hop(false);
  At(979);
  tracker.Tick();
  for (const Alert& a : Sent()) EXPECT_FALSE(a.resolved);  // resends only
  At(980);                                                 // normal for `recovery` since 960
  tracker.Tick();
  sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
  EXPECT_EQ(tracker.firing(), 0u);
}

TEST_F(AlertTrackerTest, OneAnomalousHopOfASlowSeriesDoesNotFire) {
  for (int s : {0, 160, 320}) {
    At(s);
    Hop(false);
  }
  At(480);
  Hop(true);
  for (int s = 481; s <= 700; ++s) {
    At(s);
    tracker.Tick();
  }
  At(640);
  Hop(false);
  At(800);
  Hop(true);  // the first episode ended at 660: a new one
  EXPECT_TRUE(Sent().empty());
}

// A series that stops sending while anomalous is not anomalous forever: its
// last hop holds until the next was due, then `recovery` resolves it.
TEST_F(AlertTrackerTest, ASilentSeriesIsResolved) {
  for (int s : {0, 160, 320}) {
    At(s);
    Hop(s == 320);
  }
  At(480);
  Hop(true);
  ASSERT_EQ(Sent().size(), 1u);
  At(659);
  tracker.Tick();
  for (const Alert& a : Sent()) EXPECT_FALSE(a.resolved);
  At(660);  // held to 640, then 20 s
  tracker.Tick();
  const std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
}

// A hop a second: two false alarms about `for` (10 s) apart are not an
// anomaly that lasted; anomalous hops two seconds apart are.
TEST_F(AlertTrackerTest, TwoIsolatedFalseAlarmsDoNotAddUpToFor) {
  for (int s = 0; s <= 40; ++s) {
    At(s);
    for (int gap : {9, 10, 11, 15}) Hop(s == 10 || s == 10 + gap, "gap" + std::to_string(gap));
    tracker.Tick();
  }
  EXPECT_TRUE(Sent().empty());
  for (int s = 41; s <= 52; ++s) {
    At(s);
    Hop(s % 2 == 0, "gap9");
  }
  const std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].labels.at("series"), "gap9");
}

// Consecutive anomalous hops confirm each other even when they arrive
// together (a slow series' backlog): it fires once they have held `for`.
TEST_F(AlertTrackerTest, ABurstOfAnomalousHopsConfirmsItself) {
  At(0);
  HopStamped(false, 0);
  At(160);
  HopStamped(false, 160);
  At(320);
  HopStamped(true, 320);
  HopStamped(true, 480);
  At(329);
  tracker.Tick();
  EXPECT_TRUE(Sent().empty());
  At(330);
  tracker.Tick();
  EXPECT_EQ(Sent().size(), 1u);
}

// After a gap in the stream, an anomalous hop holds for the series' usual
// interval, not for the length of the gap.
TEST_F(AlertTrackerTest, AHopAfterAGapHoldsForTheUsualInterval) {
  for (int s : {0, 160, 320}) {
    At(s);
    Hop(false);
  }
  At(86'720);  // a day later
  Hop(true);
  At(86'900);  // held to 86'880, +20 s: ended; a day's hold would have fired here
  Hop(true);
  EXPECT_TRUE(Sent().empty());
}

// A backlog of a slow series arriving at once: the hops' own timestamps,
// 160 s apart, say how long an anomalous hop holds, not their arrival.
TEST_F(AlertTrackerTest, HopsArrivingTogetherHoldForTheTimeTheirSamplesCover) {
  At(320);
  for (int ts : {0, 160, 320}) HopStamped(false, ts);
  At(480);
  HopStamped(true, 480);
  At(640);
  HopStamped(true, 640);  // still held from 480: the same episode, confirmed
  const std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].starts_at, t0 + seconds(480));
}

// A series with 100 hops a second (ECG at 1600 Hz, or 500 Hz at hop 5):
// false alarms at 1 hop in 200 come every 2 s, well within `recovery`, yet
// they are noise and never fire; a stretch where 1 hop in 5 is anomalous
// fires, and resolves once it is over although the false alarms go on.
TEST_F(AlertTrackerTest, AFastSeriesFiresOnDenseAnomaliesNotOnSparseFalseAlarms) {
  using std::chrono::milliseconds;
  int hop = 0;
  auto run = [&](int until_s, int one_in) {
    while (now < t0 + seconds(until_s)) {
      now += milliseconds(10);
      Hop(++hop % one_in == 0);
      tracker.Tick();
    }
  };
  run(120, 200);
  EXPECT_TRUE(Sent().empty());
  run(135, 5);  // 15 s of a dense anomaly: fires after `for`
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_GE(sent[0].starts_at, t0 + seconds(120));
  run(140, 200);
  EXPECT_EQ(tracker.firing(), 1u);  // within `recovery` of the dense stretch
  run(160, 200);
  sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
  run(400, 200);
  EXPECT_TRUE(Sent().empty());
}

// The sparse rule's edge: on a series with 100 hops a second, anomalous
// hops at 1 in 45 keep an episode going (and fire), at 1 in 55 they do not.
TEST_F(AlertTrackerTest, AnEpisodeNeedsOneAnomalousHopIn50) {
  using std::chrono::milliseconds;
  for (int hop = 1; now < t0 + seconds(60); ++hop) {
    now += milliseconds(10);
    Hop(hop % 45 == 0, "dense");
    Hop(hop % 55 == 0, "sparse");
    tracker.Tick();
  }
  const std::vector<Alert> sent = Sent();
  ASSERT_FALSE(sent.empty());
  for (const Alert& a : sent) EXPECT_EQ(a.labels.at("series"), "dense");
}

// A wall clock stepped back an hour neither freezes nor resolves what fires:
// durations count the time that passes, not the clock's readings.
TEST_F(AlertTrackerTest, AClockSteppedBackKeepsResendingAndResolves) {
  Hop(true);
  AnomalousUntil(10);
  ASSERT_EQ(Sent().size(), 1u);
  const AlertTime stepped = t0 - seconds(3600);
  for (int s = 1; s <= 40; ++s) {
    now = stepped + seconds(s);
    Hop(true);
  }
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);  // the resend 30 s after the first send
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_LE(sent[0].starts_at, sent[0].ends_at);  // Alertmanager rejects the reverse
  now = stepped + seconds(61);                    // held to 41, then `recovery`
  tracker.Tick();
  sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
  EXPECT_LE(sent[0].starts_at, sent[0].ends_at);
}

// Timestamps in nanoseconds sent as seconds, or wildly apart: the hold is
// capped, not an overflow; the series still fires and resolves.
TEST_F(AlertTrackerTest, HugeIntervalsBetweenTimestampsAreCapped) {
  for (int i = 0; i < 4; ++i) {
    At(i);
    HopStamped(i >= 2, i * 1e19);
  }
  At(12);
  tracker.Tick();
  const std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);  // held (capped, but far beyond `for`)
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(tracker.firing(), 1u);
}

TEST_F(AlertTrackerTest, SeriesAreTrackedApart) {
  for (int s = 0; s <= 10; ++s) {
    At(s);
    Hop(true, "a");
    if (s >= 5) Hop(true, "b");
  }
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].labels.at("series"), "a");
}

TEST_F(AlertTrackerTest, ReconfiguredLabelsResolveTheOldAlertAndFireTheNewOnTheNextTick) {
  Hop(true);
  AnomalousUntil(10);
  ASSERT_EQ(Sent().size(), 1u);
  AlertingConfig next = TestConfig();
  next.labels = {{"team", "web"}};
  At(11);
  std::size_t queued_at_switch = 0;
  tracker.Reconfigure(next, [&] { queued_at_switch = queue.size(); });
  EXPECT_EQ(queued_at_switch, 1u);  // the resolution is queued before the sender switches
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
  EXPECT_EQ(sent[0].labels.at("team"), "ops");
  EXPECT_EQ(sent[0].ends_at, now);
  tracker.Tick();
  sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(sent[0].labels.at("team"), "web");
  EXPECT_EQ(sent[0].starts_at, t0);  // the same episode
  EXPECT_EQ(tracker.firing(), 1u);
}

TEST_F(AlertTrackerTest, ReconfiguredTimingAppliesWithoutResendingWhatIsFiring) {
  Hop(true);
  AnomalousUntil(10);
  ASSERT_EQ(Sent().size(), 1u);
  AlertingConfig next = TestConfig();
  next.for_duration = seconds(2);
  next.recovery = seconds(5);
  tracker.Reconfigure(next, [] {});
  tracker.Tick();
  EXPECT_TRUE(Sent().empty());  // same labels and Alertmanagers: nothing to redo
  At(16);                       // 5 s quiet after the hop at 10 held to 11: resolved
  tracker.Tick();
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
  for (int s : {20, 21, 22}) {
    At(s);
    Hop(true, "disk");  // spans the new `for` of 2 s
  }
  sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].labels.at("series"), "disk");
  EXPECT_EQ(tracker.TickInterval(), std::chrono::milliseconds(1000));
}

TEST_F(AlertTrackerTest, NewAlertmanagersGetFiringAlertsWithoutAResolution) {
  Hop(true);
  AnomalousUntil(10);
  ASSERT_EQ(Sent().size(), 1u);
  AlertingConfig next = TestConfig();
  next.alertmanagers = {HttpUrl{"127.0.0.1", 9094, ""}};
  tracker.Reconfigure(next, [] {});
  EXPECT_TRUE(Sent().empty());  // the same alert: no resolved flap where it stays
  tracker.Tick();
  const std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(sent[0].labels.at("team"), "ops");
}

TEST(AlertTracker, ForZeroFiresOnTheFirstAnomalousHop) {
  AlertingConfig config = TestConfig();
  config.for_duration = seconds(0);
  prometheus::Registry registry;
  AlertMetrics metrics{registry};
  AlertQueue queue{10, metrics, nullptr};
  AlertTracker tracker(config, queue, metrics, [] { return AlertTime(seconds(5)); });
  shapewatch::Hop hop;
  tracker.OnHop("x", ScoredHop{.hop = &hop, .score = 1.0, .anomalous = true}, 0.0);
  EXPECT_EQ(queue.size(), 1u);
}

TEST(AlertTracker, TickIntervalFollowsTheShortestWindow) {
  AlertingConfig config = TestConfig();
  prometheus::Registry registry;
  AlertMetrics metrics{registry};
  AlertQueue queue{10, metrics, nullptr};
  EXPECT_EQ(AlertTracker(config, queue, metrics, nullptr).TickInterval(), seconds(1));
  config.recovery = std::chrono::milliseconds(400);
  EXPECT_EQ(AlertTracker(config, queue, metrics, nullptr).TickInterval().count(), 100);
}

}  // namespace
}  // namespace shapewatch
