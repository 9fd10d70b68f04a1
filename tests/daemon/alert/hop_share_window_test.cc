// HopShareWindow: exact counts for hops further apart than a bucket, counts
// to within a bucket for fast ones, and nothing older than the longest window.
#include "daemon/alert/hop_share_window.h"

#include <gtest/gtest.h>

namespace shapewatch {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const HopShareWindow::Instant kT0 = seconds(1'700'000'000);

TEST(HopShareWindow, CountsTheHopsThatArrivedInTheWindow) {
  HopShareWindow window(seconds(64));  // buckets of 1 s
  for (int s = 0; s <= 100; s += 2) window.Add(kT0 + seconds(s), s % 10 == 0);
  const HopShareWindow::Count last10 = window.In(kT0 + seconds(100), seconds(10));
  EXPECT_EQ(last10.hops, 5u);  // 92, 94, 96, 98, 100
  EXPECT_EQ(last10.anomalous, 1u);
  const HopShareWindow::Count later = window.In(kT0 + seconds(105), seconds(10));
  EXPECT_EQ(later.hops, 3u);  // 96, 98, 100
  EXPECT_EQ(window.In(kT0 + seconds(100), seconds(0)).hops, 0u);
}

TEST(HopShareWindow, FastHopsAreCountedToWithinABucket) {
  HopShareWindow window(seconds(64));
  HopShareWindow::Instant t = kT0;
  for (int i = 1; i <= 200'000; ++i) {
    t += milliseconds(1);
    window.Add(t, i % 100 == 0);
  }
  const HopShareWindow::Count count = window.In(t, seconds(32));
  EXPECT_NEAR(static_cast<double>(count.hops), 32'000, 1'000);
  EXPECT_NEAR(static_cast<double>(count.anomalous), 320, 10);
}

TEST(HopShareWindow, ForgetsWhatIsOlderThanTheLongestWindow) {
  HopShareWindow window(seconds(10));
  window.Add(kT0, true);
  EXPECT_EQ(window.In(kT0 + seconds(9), seconds(10)).anomalous, 1u);
  EXPECT_EQ(window.In(kT0 + seconds(10), seconds(10)).anomalous, 0u);
  window.Add(kT0 + seconds(11), false);
  EXPECT_EQ(window.In(kT0 + seconds(11), seconds(10)).hops, 1u);
}

}  // namespace
}  // namespace shapewatch
