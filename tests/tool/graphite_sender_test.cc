#include "daemon/tool/graphite_sender.h"

#include <gtest/gtest.h>

namespace shapewatch::tool {
namespace {

TEST(HostPort, ParsesIpv4NamesAndBracketedIpv6) {
  EXPECT_EQ(ParseHostPort("127.0.0.1:2003")->host, "127.0.0.1");
  EXPECT_EQ(ParseHostPort("localhost:9")->port, "9");
  const std::optional<HostPort> v6 = ParseHostPort("[::1]:2003");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->ToString(), "[::1]:2003");
}

TEST(HostPort, RejectsMalformedAddresses) {
  for (const char* bad : {"", "2003", "host:", ":2003", "::1:2003", "h:0", "h:65536", "h:x"}) {
    EXPECT_FALSE(ParseHostPort(bad)) << bad;
  }
}

}  // namespace
}  // namespace shapewatch::tool
