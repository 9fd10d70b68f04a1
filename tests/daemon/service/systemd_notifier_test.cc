#include "daemon/service/systemd_notifier.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace shapewatch {
namespace {

// A test-owned NOTIFY_SOCKET: a unix datagram socket bound to a path in a
// fresh temporary directory, or to an abstract name.
class NotifySocket {
 public:
  explicit NotifySocket(bool abstract) {
    std::random_device rd;
    const std::string tag = std::to_string(getpid()) + "-" + std::to_string(rd());
    if (abstract) {
      name_ = "@shapewatch-test-" + tag;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("shapewatch-notify-" + tag);
      std::filesystem::create_directories(dir_);
      name_ = (dir_ / "notify.sock").string();
    }
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, name_.data(), name_.size());
    if (abstract) addr.sun_path[0] = '\0';
    const auto len =
        static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name_.size() + (abstract ? 0 : 1));
    bound_ = bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) == 0;
  }
  ~NotifySocket() {
    close(fd_);
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  bool bound() const { return bound_; }
  const std::string& name() const { return name_; }

  // The next datagram, or nullopt after `timeout_ms`.
  std::optional<std::string> Receive(int timeout_ms = 1000) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) != 1) return std::nullopt;
    char buf[4096];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<std::size_t>(n));
  }

 private:
  std::filesystem::path dir_;
  std::string name_;
  int fd_ = -1;
  bool bound_ = false;
};

SystemdNotifier::Environment Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

constexpr long kPid = 4242;

TEST(SystemdNotifier, WithoutNotifySocketEverythingIsANoOp) {
  SystemdNotifier n(Env({{"WATCHDOG_USEC", "200000"}}), kPid);
  EXPECT_FALSE(n.enabled());
  EXPECT_EQ(n.watchdog_interval().count(), 0);
  EXPECT_TRUE(n.Ready("up").ok());
  EXPECT_TRUE(n.Watchdog().ok());
  EXPECT_TRUE(n.Stopping().ok());
}

void ExpectProtocolMessages(bool abstract) {
  NotifySocket sock(abstract);
  ASSERT_TRUE(sock.bound()) << sock.name();
  SystemdNotifier n(Env({{"NOTIFY_SOCKET", sock.name()}}), kPid);
  ASSERT_TRUE(n.enabled());

  ASSERT_TRUE(n.Ready().ok());
  EXPECT_EQ(sock.Receive(), "READY=1");
  ASSERT_TRUE(n.Ready("listening on 127.0.0.1:2003").ok());
  EXPECT_EQ(sock.Receive(), "READY=1\nSTATUS=listening on 127.0.0.1:2003");
  ASSERT_TRUE(n.SetStatus("busy").ok());
  EXPECT_EQ(sock.Receive(), "STATUS=busy");
  ASSERT_TRUE(n.Stopping().ok());
  EXPECT_EQ(sock.Receive(), "STOPPING=1");

  timespec before{};
  clock_gettime(CLOCK_MONOTONIC, &before);
  ASSERT_TRUE(n.Reloading().ok());
  const std::optional<std::string> reloading = sock.Receive();
  ASSERT_TRUE(reloading);
  const std::string prefix = "RELOADING=1\nMONOTONIC_USEC=";
  ASSERT_EQ(reloading->substr(0, prefix.size()), prefix);
  const long long usec = std::stoll(reloading->substr(prefix.size()));
  EXPECT_GE(usec, before.tv_sec * 1000000LL + before.tv_nsec / 1000);
  EXPECT_EQ(std::to_string(usec), reloading->substr(prefix.size()));  // nothing after it
}

TEST(SystemdNotifier, SendsExactMessagesToAPathSocket) { ExpectProtocolMessages(false); }

TEST(SystemdNotifier, SendsExactMessagesToAnAbstractSocket) { ExpectProtocolMessages(true); }

TEST(SystemdNotifier, WatchdogFollowsWatchdogUsec) {
  NotifySocket sock(false);
  SystemdNotifier n(Env({{"NOTIFY_SOCKET", sock.name()}, {"WATCHDOG_USEC", "200000"}}), kPid);
  EXPECT_EQ(n.watchdog_interval(), std::chrono::microseconds(200000));
  ASSERT_TRUE(n.Watchdog().ok());
  EXPECT_EQ(sock.Receive(), "WATCHDOG=1");
}

TEST(SystemdNotifier, WatchdogForThisPidIsEnabled) {
  NotifySocket sock(false);
  SystemdNotifier n(Env({{"NOTIFY_SOCKET", sock.name()},
                         {"WATCHDOG_USEC", "5000000"},
                         {"WATCHDOG_PID", std::to_string(kPid)}}),
                    kPid);
  EXPECT_EQ(n.watchdog_interval(), std::chrono::seconds(5));
}

TEST(SystemdNotifier, WatchdogPidMismatchDisablesTheWatchdog) {
  NotifySocket sock(false);
  SystemdNotifier n(Env({{"NOTIFY_SOCKET", sock.name()},
                         {"WATCHDOG_USEC", "200000"},
                         {"WATCHDOG_PID", std::to_string(kPid + 1)}}),
                    kPid);
  EXPECT_TRUE(n.enabled());
  EXPECT_EQ(n.watchdog_interval().count(), 0);
  EXPECT_TRUE(n.Watchdog().ok());
  EXPECT_EQ(sock.Receive(100), std::nullopt);  // nothing sent
  ASSERT_TRUE(n.Ready().ok());                 // other messages still go
  EXPECT_EQ(sock.Receive(), "READY=1");
}

TEST(SystemdNotifier, InvalidOrZeroWatchdogUsecDisablesTheWatchdog) {
  for (const char* usec : {"0", "", "abc", "12x", "-5"}) {
    SystemdNotifier n(Env({{"NOTIFY_SOCKET", "/nonexistent"}, {"WATCHDOG_USEC", usec}}), kPid);
    EXPECT_EQ(n.watchdog_interval().count(), 0) << usec;
  }
}

TEST(SystemdNotifier, ReportsOnlyTheFirstFailureButReturnsEvery) {
  const std::string missing = "/nonexistent-dir/notify.sock";
  std::vector<std::string> reported;
  SystemdNotifier n(Env({{"NOTIFY_SOCKET", missing}}), kPid,
                    [&](const std::string& e) { reported.push_back(e); });
  const Status first = n.Ready();
  ASSERT_FALSE(first.ok());
  EXPECT_NE(first.error().find(missing), std::string::npos) << first.error();
  EXPECT_NE(first.error().find("No such file"), std::string::npos) << first.error();
  EXPECT_FALSE(n.Stopping().ok());
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0], first.error());
}

TEST(SystemdNotifier, RejectsARelativeSocketName) {
  SystemdNotifier n(Env({{"NOTIFY_SOCKET", "relative.sock"}}), kPid);
  const Status s = n.Ready();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("absolute path"), std::string::npos) << s.error();
}

}  // namespace
}  // namespace shapewatch
