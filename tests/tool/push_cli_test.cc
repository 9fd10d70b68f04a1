// shapewatch push against a listener inside the test, on loopback only.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <cmath>
#include <sstream>
#include <thread>

#include "tests/tool/tool_runner.h"

namespace shapewatch::testing {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

constexpr std::size_t kSamples = 2000;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> PushArgs(const std::string& to, std::vector<std::string> extra) {
  std::vector<std::string> args = {
      "push",      "--input", DataFile("ecg_mcl1_500hz.csv"), "--series",
      "ecg.lead1", "--limit", std::to_string(kSamples),       "--to",
      to};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::int64_t Micros(const std::string& timestamp) {
  const std::size_t dot = timestamp.find('.');
  EXPECT_EQ(timestamp.size() - dot, 7u) << timestamp;  // six decimals
  return std::stoll(timestamp.substr(0, dot)) * 1000000 + std::stoll(timestamp.substr(dot + 1));
}

// Checks names, values (against the CSV) and timestamps `step_us` apart.
void ExpectLines(const std::vector<std::string>& lines, double step_us) {
  const std::vector<std::string> csv = Lines(ReadAll(DataFile("ecg_mcl1_500hz.csv")));
  ASSERT_EQ(lines.size(), kSamples);
  std::int64_t first = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::istringstream fields(lines[i]);
    std::string name, value, timestamp, rest;
    fields >> name >> value >> timestamp >> rest;
    ASSERT_EQ(name, "ecg.lead1") << lines[i];
    ASSERT_EQ(std::stod(value), std::stod(csv[i + 1])) << lines[i];
    ASSERT_EQ(rest, "") << lines[i];
    if (i == 0) first = Micros(timestamp);
    ASSERT_EQ(Micros(timestamp) - first, std::llround(static_cast<double>(i) * step_us))
        << lines[i];
  }
}

// Runs `args` in a thread; if the tool fails before connecting, connects
// once itself so that the test's blocking accept() returns.
std::thread RunUnblocking(std::vector<std::string> args, unsigned short port, ToolRun& run) {
  return std::thread([args = std::move(args), port, &run] {
    run = RunTool(args);
    if (run.exit_code == 0) return;
    asio::io_context io;
    tcp::socket wake(io);
    boost::system::error_code ignored;
    wake.connect({asio::ip::address_v4::loopback(), port}, ignored);
  });
}

TEST(ShapewatchPush, TcpDeliversEveryLineThenEof) {
  asio::io_context io;
  tcp::acceptor acceptor(io, {asio::ip::address_v4::loopback(), 0});
  const unsigned short port = acceptor.local_endpoint().port();
  ToolRun run;
  std::thread tool = RunUnblocking(PushArgs("127.0.0.1:" + std::to_string(port), {}), port, run);
  tcp::socket peer(io);
  acceptor.accept(peer);
  std::string received;
  boost::system::error_code ec;
  asio::read(peer, asio::dynamic_buffer(received), ec);  // until the tool's EOF
  tool.join();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ec, asio::error::eof);
  ExpectLines(Lines(received), 1000.0);  // 1 ms apart without --rate
  EXPECT_NE(run.out.find("sent 2000 lines"), std::string::npos) << run.out;
}

TEST(ShapewatchPush, UdpSendsWholeLinesInSmallDatagramsAtTheGivenRate) {
  asio::io_context io;
  udp::socket socket(io, {asio::ip::address_v4::loopback(), 0});
  socket.set_option(udp::socket::receive_buffer_size(1 << 20));
  const auto port = std::to_string(socket.local_endpoint().port());
  // Loopback delivers each datagram into our buffer before sendto returns.
  const ToolRun run = RunTool(PushArgs("127.0.0.1:" + port, {"--udp", "--rate", "40000"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  socket.non_blocking(true);
  std::string received;
  std::vector<char> datagram(65536);
  boost::system::error_code ec;
  for (;;) {
    const std::size_t n = socket.receive(asio::buffer(datagram), 0, ec);
    if (ec) break;
    ASSERT_LE(n, 1400u);
    ASSERT_EQ(datagram[n - 1], '\n');
    received.append(datagram.data(), n);
  }
  EXPECT_EQ(ec, asio::error::would_block);
  ExpectLines(Lines(received), 1e6 / 40000);
}

TEST(ShapewatchPush, RefusedConnectionIsAClearError) {
  // Bound but not listening: connecting is refused, and no other test can take the port.
  asio::io_context io;
  tcp::socket bound(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  const unsigned short port = bound.local_endpoint().port();
  const ToolRun run = RunTool(PushArgs("127.0.0.1:" + std::to_string(port), {}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("cannot connect to 127.0.0.1:" + std::to_string(port) +
                         " (tcp): Connection refused"),
            std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace shapewatch::testing
