#include "tests/integration/support/daemon_under_test.h"

#include <boost/asio.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <utility>  // before Asio: Boost 1.74 misses it under C++20

#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;

int PortAfter(const std::string& line, const std::string& label) {
  std::smatch m;
  if (std::regex_search(line, m, std::regex(label + " [^ ]*:([0-9]+)"))) {
    return std::stoi(m[1]);
  }
  return 0;
}

}  // namespace

std::string DaemonBinary() { return std::string(SHAPEWATCH_BINARY_DIR) + "/daemon/shapewatchd"; }
std::string ToolBinary() { return std::string(SHAPEWATCH_BINARY_DIR) + "/daemon/tool/shapewatch"; }

std::vector<double> LoadEcg() {
  std::ifstream in(std::string(SHAPEWATCH_TEST_DATA_DIR) + "/ecg_mcl1_500hz.csv");
  std::string line;
  std::getline(in, line);  // header
  std::vector<double> values;
  while (std::getline(in, line)) values.push_back(std::stod(line));
  return values;
}

std::string GraphiteLines(const std::string& series, const std::vector<double>& values,
                          std::size_t begin, std::size_t end, double t0, double dt) {
  std::string out;
  char buf[128];
  for (std::size_t i = begin; i < end; ++i) {
    const int n = std::snprintf(buf, sizeof buf, " %.17g %.6f\n", values[i],
                                t0 + static_cast<double>(i) * dt);
    out += series;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

DaemonUnderTest::DaemonUnderTest(const TempDir& dir, const std::string& config_yaml,
                                 const std::string& state_dir)
    : state_dir_(state_dir.empty() ? dir.File("state") : state_dir) {
  std::vector<std::string> argv = {DaemonBinary(),     "--listen-graphite", "127.0.0.1:0",
                                   "--listen-metrics", "127.0.0.1:0",       "--state-dir",
                                   state_dir_};
  if (!config_yaml.empty()) {
    config_path_ = dir.File("shapewatch.yaml");
    dir.Write("shapewatch.yaml", config_yaml);
    argv.push_back("--config");
    argv.push_back(config_path_);
  }
  process_ = std::make_unique<ChildProcess>(argv);
  auto line = process_->WaitForLine(
      [](const std::string& l) { return l.find("ready: ") != std::string::npos; }, 30s);
  if (!line) return;
  tcp_port_ = PortAfter(*line, "graphite tcp");
  udp_port_ = PortAfter(*line, "udp");
  metrics_port_ = PortAfter(*line, "metrics");
  ready_ = tcp_port_ > 0 && metrics_port_ > 0;
}

bool DaemonUnderTest::SendTcp(const std::string& text) const {
  try {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(tcp_port_)});
    asio::write(socket, asio::buffer(text));
    socket.shutdown(asio::ip::tcp::socket::shutdown_send);
    // Wait for the daemon to close its side: everything sent has been read.
    char byte;
    boost::system::error_code ec;
    socket.read_some(asio::buffer(&byte, 1), ec);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

bool DaemonUnderTest::SendUdp(const std::vector<std::string>& datagrams) const {
  try {
    asio::io_context io;
    asio::ip::udp::socket socket(io, asio::ip::udp::v4());
    const asio::ip::udp::endpoint to(asio::ip::make_address("127.0.0.1"),
                                     static_cast<unsigned short>(udp_port_));
    for (const auto& d : datagrams) socket.send_to(asio::buffer(d), to);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::map<std::string, double> DaemonUnderTest::Scrape() const {
  return testing::Scrape("127.0.0.1", metrics_port_);
}

std::string DaemonUnderTest::ScrapeText() const {
  auto res = HttpGet("127.0.0.1", metrics_port_, "/metrics");
  return res ? res->body : "";
}

bool DaemonUnderTest::WaitForMetric(const std::string& key, double value, bool at_least,
                                    int timeout_ms) const {
  return Eventually(
      [&] {
        auto v = Metric(Scrape(), key);
        return v && (at_least ? *v >= value : *v == value);
      },
      std::chrono::milliseconds(timeout_ms));
}

std::optional<int> DaemonUnderTest::Stop() {
  process_->Signal(SIGTERM);
  return process_->WaitExit(60s);
}

}  // namespace shapewatch::testing
