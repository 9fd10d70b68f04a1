// shapewatchd under systemd: the notify protocol, spoken to a test-owned
// NOTIFY_SOCKET by the real daemon, and the unit file as systemd-analyze
// sees it.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "tests/integration/support/child_process.h"
#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const char kConfig[] = "series:\n  - match: \"*\"\n    train_samples: 4096\n";

// The systemd side of the protocol: a unix datagram socket in a temporary
// directory that records what the daemon sends.
class NotifyListener {
 public:
  explicit NotifyListener(const TempDir& dir) : path_(dir.File("notify.sock")) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof addr.sun_path - 1);
    bound_ = bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~NotifyListener() { close(fd_); }

  bool bound() const { return bound_; }
  const std::string& path() const { return path_; }

  // The next message that starts with `prefix`, skipping others (watchdog
  // pings come in between); nullopt after `timeout`.
  std::optional<std::string> Next(const std::string& prefix,
                                  std::chrono::milliseconds timeout = 30s) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) != 1) continue;
      char buf[4096];
      const ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n < 0) continue;
      std::string message(buf, static_cast<std::size_t>(n));
      if (message.rfind(prefix, 0) == 0) return message;
    }
  }

 private:
  std::string path_;
  int fd_ = -1;
  bool bound_ = false;
};

int PortAfter(const std::string& line, const std::string& label) {
  std::smatch m;
  if (std::regex_search(line, m, std::regex(label + " [^ ]*:([0-9]+)"))) return std::stoi(m[1]);
  return 0;
}

bool Connectable(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// shapewatchd started as systemd would start it with Type=notify and
// WatchdogSec=200ms.
class NotifiedDaemon {
 public:
  explicit NotifiedDaemon(const TempDir& dir) : listener_(dir) {
    dir.Write("shapewatch.yaml", kConfig);
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{DaemonBinary(), "--config", dir.File("shapewatch.yaml"),
                                 "--listen-graphite", "127.0.0.1:0", "--listen-metrics",
                                 "127.0.0.1:0", "--state-dir", dir.File("state")},
        std::vector<std::string>{"NOTIFY_SOCKET=" + listener_.path(), "WATCHDOG_USEC=200000"});
  }
  NotifyListener& notify() { return listener_; }
  ChildProcess& process() { return *process_; }

  // Waits for READY=1 and reads the ports from the "ready:" log line.
  std::optional<std::string> WaitReady() {
    auto ready = listener_.Next("READY=1");
    if (!ready) return std::nullopt;
    auto line = process_->WaitForLine(
        [](const std::string& l) { return l.find("ready: ") != std::string::npos; }, 10s);
    if (line) {
      tcp_port = PortAfter(*line, "graphite tcp");
      metrics_port = PortAfter(*line, "metrics");
    }
    return ready;
  }

  int tcp_port = 0, metrics_port = 0;

 private:
  NotifyListener listener_;
  std::unique_ptr<ChildProcess> process_;
};

TEST(SystemdNotify, ReadyComesOnceThePortsAreConnectable) {
  TempDir dir;
  NotifiedDaemon daemon(dir);
  ASSERT_TRUE(daemon.notify().bound());
  const auto ready = daemon.WaitReady();
  ASSERT_TRUE(ready) << daemon.process().Output();
  EXPECT_NE(ready->find("\nSTATUS=ready: graphite tcp 127.0.0.1:"), std::string::npos) << *ready;
  ASSERT_GT(daemon.tcp_port, 0);
  ASSERT_GT(daemon.metrics_port, 0);
  EXPECT_TRUE(Connectable(daemon.tcp_port));
  EXPECT_TRUE(Connectable(daemon.metrics_port));
  EXPECT_TRUE(HttpGet("127.0.0.1", daemon.metrics_port, "/metrics"));
}

TEST(SystemdNotify, WatchdogKeepsComingAtHalfTheIntervalWhileIdle) {
  TempDir dir;
  NotifiedDaemon daemon(dir);
  ASSERT_TRUE(daemon.WaitReady()) << daemon.process().Output();
  ASSERT_TRUE(daemon.notify().Next("WATCHDOG=1", 5s));
  const auto start = Clock::now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(daemon.notify().Next("WATCHDOG=1", 5s), "WATCHDOG=1") << "ping " << i;
  }
  // Five more pings at 100 ms: not a busy loop, and well within 5 x 200 ms
  // give or take a loaded machine.
  const auto took = Clock::now() - start;
  EXPECT_GE(took, 450ms);
  EXPECT_LT(took, 3s);
}

TEST(SystemdNotify, ReloadIsBracketedByReloadingAndReadyEvenWhenItFails) {
  TempDir dir;
  NotifiedDaemon daemon(dir);
  ASSERT_TRUE(daemon.WaitReady()) << daemon.process().Output();

  daemon.process().Signal(SIGHUP);
  const auto reloading = daemon.notify().Next("RELOADING=1");
  ASSERT_TRUE(reloading) << daemon.process().Output();
  EXPECT_TRUE(std::regex_match(*reloading, std::regex("RELOADING=1\nMONOTONIC_USEC=[0-9]+")))
      << *reloading;
  const auto reloaded = daemon.notify().Next("READY=1");
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(*reloaded, "READY=1\nSTATUS=configuration reloaded");
  // READY=1 comes after the reload is done.
  EXPECT_EQ(Metric(Scrape("127.0.0.1", daemon.metrics_port),
                   "shapewatch_config_reloads_total{result=\"ok\"}"),
            1);

  dir.Write("shapewatch.yaml", "series:\n  - match: \"*\"\n    treshold: 0.5\n");
  daemon.process().Signal(SIGHUP);
  ASSERT_TRUE(daemon.notify().Next("RELOADING=1"));
  EXPECT_EQ(daemon.notify().Next("READY=1"), "READY=1\nSTATUS=reload failed; configuration kept");
}

TEST(SystemdNotify, SigtermSendsStoppingAndExitsCleanly) {
  TempDir dir;
  NotifiedDaemon daemon(dir);
  ASSERT_TRUE(daemon.WaitReady()) << daemon.process().Output();
  daemon.process().Signal(SIGTERM);
  EXPECT_EQ(daemon.notify().Next("STOPPING=1"), "STOPPING=1");
  EXPECT_EQ(daemon.process().WaitExit(60s), 0) << daemon.process().Output();
}

TEST(SystemdNotify, StopAndReloadSignalsReachOnlyTheThreadThatHandlesThem) {
  TempDir dir;
  NotifiedDaemon daemon(dir);
  ASSERT_TRUE(daemon.WaitReady()) << daemon.process().Output();
  const auto masks = ThreadSignalMasks(daemon.process().pid());
  ASSERT_GE(masks.size(), 3u);  // main, detector, training worker, exposer...
  for (const auto& [tid, mask] : masks) {
    if (tid == daemon.process().pid()) {
      EXPECT_TRUE(TakesStopAndReload(mask)) << "main thread " << std::hex << mask;
    } else {
      EXPECT_TRUE(BlocksStopAndReload(mask)) << "thread " << tid << " " << std::hex << mask;
    }
  }
  daemon.process().Signal(SIGTERM);
  EXPECT_EQ(daemon.notify().Next("STOPPING=1"), "STOPPING=1");
  EXPECT_EQ(daemon.process().WaitExit(60s), 0) << daemon.process().Output();
}

TEST(SystemdNotify, WithoutNotifySocketTheDaemonRunsAsBefore) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  EXPECT_EQ(daemon.Stop(), 0);
  EXPECT_EQ(daemon.process().Output().find("systemd notification"), std::string::npos);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// The checked-in unit names /usr/bin/shapewatchd, which is not installed
// here: verify a copy that points at the built binary and a real file.
TEST(SystemdUnit, SystemdAnalyzeVerifyPasses) {
  const std::string analyze = "/usr/bin/systemd-analyze";
  if (access(analyze.c_str(), X_OK) != 0) GTEST_SKIP() << analyze << " is not installed";
  const std::string unit =
      ReadFile(std::string(SHAPEWATCH_SOURCE_DIR) + "/systemd/shapewatchd.service");
  ASSERT_NE(unit.find("ExecStart=/usr/bin/shapewatchd --config /etc/shapewatch/shapewatch.yaml"),
            std::string::npos);
  TempDir dir;
  dir.Write("shapewatch.yaml", kConfig);
  std::string copy = ReplaceAll(unit, "/usr/bin/shapewatchd", DaemonBinary());
  copy = ReplaceAll(copy, "/etc/shapewatch/shapewatch.yaml", dir.File("shapewatch.yaml"));
  dir.Write("shapewatchd.service", copy);
  const RunResult r = RunProgram({analyze, "verify", dir.File("shapewatchd.service")});
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.output.find("shapewatchd.service"), std::string::npos) << r.output;
}

TEST(SystemdUnit, DeclaresNotifyWatchdogStateDirectoryAndHardening) {
  const std::string unit =
      ReadFile(std::string(SHAPEWATCH_SOURCE_DIR) + "/systemd/shapewatchd.service");
  for (const char* line :
       {"Type=notify", "ExecReload=/bin/kill -HUP $MAINPID", "WatchdogSec=", "Restart=on-failure",
        "StateDirectory=shapewatch", "DynamicUser=yes", "ProtectSystem=strict", "ProtectHome=yes",
        "PrivateTmp=yes", "PrivateDevices=yes", "NoNewPrivileges=yes", "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes", "ProtectKernelLogs=yes",
        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service",
        "CapabilityBoundingSet=\n", "MemoryDenyWriteExecute=yes", "LimitNOFILE="}) {
    EXPECT_NE(unit.find(std::string("\n") + line), std::string::npos) << line;
  }
  // The installed config leaves state_dir to $STATE_DIRECTORY.
  const std::string config =
      ReadFile(std::string(SHAPEWATCH_SOURCE_DIR) + "/systemd/shapewatch.yaml");
  EXPECT_NE(config.find("state_dir: \"\""), std::string::npos);
  const RunResult check =
      RunProgram({DaemonBinary(), "--check-config",
                  std::string(SHAPEWATCH_SOURCE_DIR) + "/systemd/shapewatch.yaml"});
  EXPECT_EQ(check.status, 0) << check.output;
}

}  // namespace
}  // namespace shapewatch::testing
