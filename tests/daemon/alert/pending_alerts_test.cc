// The per-Alertmanager pending set: latest per series, oldest dropped when
// full, and a delivered batch does not remove what superseded it meanwhile.
#include "daemon/alert/pending_alerts.h"

#include <gtest/gtest.h>

namespace shapewatch {
namespace {

Alert Make(const std::string& key, bool resolved = false) {
  Alert a;
  a.key = key;
  a.resolved = resolved;
  return a;
}

TEST(PendingAlerts, KeepsTheLatestAlertPerSeries) {
  PendingAlerts pending(10);
  pending.Put(Make("a"));
  pending.Put(Make("b"));
  pending.Put(Make("a", true));
  std::vector<PendingAlerts::Ticket> tickets;
  std::vector<Alert> batch = pending.Batch(10, tickets);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].key, "b");
  EXPECT_EQ(batch[1].key, "a");
  EXPECT_TRUE(batch[1].resolved);
}

TEST(PendingAlerts, DropsTheOldestWhenFull) {
  PendingAlerts pending(2);
  EXPECT_TRUE(pending.Put(Make("a")));
  EXPECT_TRUE(pending.Put(Make("b")));
  EXPECT_FALSE(pending.Put(Make("c")));
  std::vector<PendingAlerts::Ticket> tickets;
  std::vector<Alert> batch = pending.Batch(10, tickets);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].key, "b");
}

TEST(PendingAlerts, DeliveredKeepsWhatWasSupersededMeanwhile) {
  PendingAlerts pending(10);
  pending.Put(Make("a"));
  pending.Put(Make("b"));
  std::vector<PendingAlerts::Ticket> tickets;
  ASSERT_EQ(pending.Batch(1, tickets).size(), 1u);  // batch limit
  pending.Batch(10, tickets = {});
  pending.Put(Make("a", true));  // while the POST is under way
  pending.Delivered(tickets);
  ASSERT_EQ(pending.size(), 1u);
  std::vector<PendingAlerts::Ticket> again;
  EXPECT_TRUE(pending.Batch(10, again)[0].resolved);
}

}  // namespace
}  // namespace shapewatch
