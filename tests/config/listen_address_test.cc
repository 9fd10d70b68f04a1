// ParseListenAddress and ListenAddress::ToString.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/daemon_config.h"

namespace shapewatch {
namespace {

using ::testing::StartsWith;

ListenAddress Parsed(std::string_view text) {
  Result<ListenAddress> address = ParseListenAddress(text);
  EXPECT_TRUE(address.ok()) << text << ": " << address.error();
  return address.ok() ? *address : ListenAddress{"", 1};
}

std::string ErrorOf(std::string_view text) {
  Result<ListenAddress> address = ParseListenAddress(text);
  EXPECT_FALSE(address.ok()) << text << " parsed";
  return address.ok() ? "" : address.error();
}

TEST(ParseListenAddress, Ipv4AndNames) {
  ListenAddress address = Parsed("127.0.0.1:2003");
  EXPECT_EQ(address.host, "127.0.0.1");
  EXPECT_EQ(address.port, 2003);
  EXPECT_EQ(Parsed("localhost:9464").host, "localhost");
  EXPECT_EQ(Parsed("metrics-1.example.com:80").host, "metrics-1.example.com");
}

TEST(ParseListenAddress, Ipv6InBrackets) {
  ListenAddress address = Parsed("[::1]:2003");
  EXPECT_EQ(address.host, "::1");
  EXPECT_EQ(address.port, 2003);
  EXPECT_EQ(Parsed("[fe80::1%eth0]:1").host, "fe80::1%eth0");
}

TEST(ParseListenAddress, PortZeroAndTheHighestPort) {
  EXPECT_EQ(Parsed("127.0.0.1:0").port, 0);
  EXPECT_EQ(Parsed("[::]:0").port, 0);
  EXPECT_EQ(Parsed("127.0.0.1:65535").port, 65535);
}

TEST(ParseListenAddress, ToStringRoundTrips) {
  for (const char* text : {"127.0.0.1:2003", "[::1]:2003", "[::]:0", "host:1"}) {
    EXPECT_EQ(Parsed(text).ToString(), text);
  }
}

TEST(ParseListenAddress, MissingParts) {
  EXPECT_THAT(ErrorOf(""), StartsWith("empty address"));
  EXPECT_THAT(ErrorOf("localhost"), StartsWith("missing port in 'localhost'"));
  EXPECT_THAT(ErrorOf("localhost:"), StartsWith("bad port '' in 'localhost:'"));
  EXPECT_THAT(ErrorOf("[::1]"), StartsWith("missing port in '[::1]'"));
  EXPECT_THAT(ErrorOf("[::1]2003"), StartsWith("missing port in '[::1]2003'"));
  EXPECT_THAT(ErrorOf(":2003"), StartsWith("missing host in ':2003'"));
  EXPECT_THAT(ErrorOf("[]:2003"), StartsWith("missing host in '[]:2003'"));
}

TEST(ParseListenAddress, BadPorts) {
  EXPECT_EQ(ErrorOf("localhost:abc"),
            "bad port 'abc' in 'localhost:abc' (expected a number from 0 to 65535)");
  EXPECT_THAT(ErrorOf("localhost:-1"), StartsWith("bad port '-1'"));
  EXPECT_THAT(ErrorOf("localhost:+1"), StartsWith("bad port '+1'"));
  EXPECT_THAT(ErrorOf("localhost:20 03"), StartsWith("bad port '20 03'"));
  EXPECT_EQ(ErrorOf("localhost:65536"),
            "port 65536 in 'localhost:65536' is out of range (0 to 65535)");
  EXPECT_THAT(ErrorOf("localhost:99999999999999"), StartsWith("port 99999999999999"));
}

TEST(ParseListenAddress, BadHosts) {
  EXPECT_THAT(ErrorOf("[::1:2003"), StartsWith("unterminated '[' in '[::1:2003'"));
  EXPECT_THAT(ErrorOf("::1:2003"), StartsWith("IPv6 address in '::1:2003' needs "
                                              "brackets: [::1]:2003"));
  EXPECT_THAT(ErrorOf("my host:1"), StartsWith("bad host 'my host'"));
  EXPECT_THAT(ErrorOf("[::1 ]:1"), StartsWith("bad host '::1 '"));
}

}  // namespace
}  // namespace shapewatch
