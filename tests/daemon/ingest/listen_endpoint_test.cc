#include "daemon/ingest/listen_endpoint.h"

#include <gtest/gtest.h>

namespace shapewatch {
namespace {

TEST(ListenEndpoint, ResolvesLiterals) {
  boost::asio::io_context io;
  const auto v4 = ResolveTcpEndpoint(io, "127.0.0.1", 2003);
  EXPECT_EQ(EndpointText(v4), "127.0.0.1:2003");
  const auto v6 = ResolveUdpEndpoint(io, "[::1]", 0);
  EXPECT_TRUE(v6.address().is_v6());
  EXPECT_EQ(EndpointText(v6), "[::1]:0");
  EXPECT_EQ(EndpointText(ResolveTcpEndpoint(io, "::", 1)), "[::]:1");
}

}  // namespace
}  // namespace shapewatch
