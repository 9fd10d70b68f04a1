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
    tracker.OnHop(series, scored, 0.0);
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
// `recovery`. An anomalous hop stands for its 160 s; it fires after `for`.
TEST_F(AlertTrackerTest, ASlowSeriesFiresWhileItsAnomalousHopHolds) {
  Hop(false);
  At(160);
  Hop(true);
  At(169);
  tracker.Tick();
  EXPECT_TRUE(Sent().empty());
  At(170);
  tracker.Tick();
  std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(sent[0].starts_at, t0 + seconds(160));
  At(300);
  tracker.Tick();  // still held: the next hop is due at 320
  At(320);
  Hop(false);
  At(339);
  tracker.Tick();
  for (const Alert& a : Sent()) EXPECT_FALSE(a.resolved);  // resends only
  At(340);                                                 // normal for `recovery` since 320
  tracker.Tick();
  sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
  EXPECT_EQ(tracker.firing(), 0u);
}

// A series that stops sending while anomalous is not anomalous forever: its
// last hop holds for one hop interval, then `recovery` resolves it.
TEST_F(AlertTrackerTest, ASilentSeriesIsResolved) {
  Hop(false);
  At(160);
  Hop(true);
  At(170);
  tracker.Tick();
  ASSERT_EQ(Sent().size(), 1u);
  At(339);
  tracker.Tick();
  for (const Alert& a : Sent()) EXPECT_FALSE(a.resolved);
  At(340);  // held to 320, then 20 s
  tracker.Tick();
  const std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
}

// After a gap in the stream, an anomalous hop holds for the series' usual
// interval, not for the length of the gap.
TEST_F(AlertTrackerTest, AHopAfterAGapHoldsForTheUsualInterval) {
  Hop(false);
  At(160);
  Hop(false);
  At(86'560);  // a day later
  Hop(true);
  At(86'570);
  tracker.Tick();
  ASSERT_EQ(Sent().size(), 1u);
  At(86'739);
  tracker.Tick();
  for (const Alert& a : Sent()) EXPECT_FALSE(a.resolved);  // resends only
  At(86'740);  // held 160 s, then `recovery`
  tracker.Tick();
  const std::vector<Alert> sent = Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].resolved);
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

TEST_F(AlertTrackerTest, SeriesAreTrackedApart) {
  Hop(true, "a");
  At(5);
  Hop(true, "b");
  At(10);
  Hop(true, "a");
  Hop(true, "b");
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
  At(20);
  Hop(true, "disk");
  At(22);
  Hop(true, "disk");  // spans the new `for` of 2 s
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
