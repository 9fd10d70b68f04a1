// The --known-anomalies file format of `shapewatch evaluate`.
#include "daemon/tool/known_anomalies.h"

#include <gtest/gtest.h>

namespace shapewatch::tool {
namespace {

TEST(ParseKnownAnomalies, ReadsRangesSkippingCommentsAndBlankLines) {
  const auto ranges =
      ParseKnownAnomalies("# incidents\n100 200\n\n  300\t450  # outage\r\n7 8", "known.txt");
  ASSERT_TRUE(ranges.ok()) << ranges.error();
  ASSERT_EQ(ranges->size(), 3u);
  EXPECT_EQ((*ranges)[0].begin, 100u);
  EXPECT_EQ((*ranges)[0].end, 200u);
  EXPECT_EQ((*ranges)[1].begin, 300u);
  EXPECT_EQ((*ranges)[1].end, 450u);
  EXPECT_EQ((*ranges)[2].end, 8u);
  EXPECT_TRUE(ParseKnownAnomalies("", "empty.txt")->empty());
}

TEST(ParseKnownAnomalies, ErrorsNameFileAndLine) {
  const char* kExpected = "expected 'START END' (0-based sample indices, END exclusive)";
  for (const char* bad : {"5", "5 x", "x 5", "-1 5", "5 7 9", "5,7", "1.5 7"}) {
    const auto r = ParseKnownAnomalies(std::string("1 2\n") + bad + "\n", "k.txt");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error(), std::string("k.txt:2: ") + kExpected) << bad;
  }
  const auto reversed = ParseKnownAnomalies("9 9\n", "k.txt");
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error(), "k.txt:1: END (9) must be greater than START (9)");
}

}  // namespace
}  // namespace shapewatch::tool
