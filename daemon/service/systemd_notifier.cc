#include "daemon/service/systemd_notifier.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace shapewatch {
namespace {

std::optional<unsigned long long> ParseUnsigned(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  unsigned long long value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// sockaddr_un for a path or an '@'-prefixed abstract name; nullopt when the
// name does not fit or is neither.
std::optional<std::pair<sockaddr_un, socklen_t>> Address(const std::string& name) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (name.size() < 2 || (name[0] != '/' && name[0] != '@') ||
      name.size() > sizeof addr.sun_path - (name[0] == '/' ? 1 : 0)) {
    return std::nullopt;
  }
  std::memcpy(addr.sun_path, name.data(), name.size());
  if (name[0] == '@') addr.sun_path[0] = '\0';
  const std::size_t length =
      offsetof(sockaddr_un, sun_path) + name.size() + (name[0] == '/' ? 1 : 0);
  return std::make_pair(addr, static_cast<socklen_t>(length));
}

unsigned long long MonotonicMicroseconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<unsigned long long>(ts.tv_sec) * 1000000ULL +
         static_cast<unsigned long long>(ts.tv_nsec) / 1000ULL;
}

}  // namespace

SystemdNotifier::SystemdNotifier(const Environment& env, long pid, ErrorSink on_error)
    : on_error_(std::move(on_error)) {
  socket_path_ = env("NOTIFY_SOCKET").value_or("");
  if (socket_path_.empty()) return;
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const auto usec = ParseUnsigned(env("WATCHDOG_USEC"));
  const auto watchdog_pid = env("WATCHDOG_PID");
  const bool ours =
      !watchdog_pid || ParseUnsigned(watchdog_pid) == static_cast<unsigned long long>(pid);
  if (usec && *usec > 0 && ours) watchdog_ = std::chrono::microseconds(*usec);
}

SystemdNotifier SystemdNotifier::FromEnvironment(ErrorSink on_error) {
  return SystemdNotifier(
      [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value) return std::nullopt;
        return std::string(value);
      },
      static_cast<long>(getpid()), std::move(on_error));
}

SystemdNotifier::SystemdNotifier(SystemdNotifier&& other) noexcept
    : socket_path_(std::move(other.socket_path_)),
      watchdog_(other.watchdog_),
      fd_(other.fd_),
      on_error_(std::move(other.on_error_)),
      error_reported_(other.error_reported_.load()) {
  other.fd_ = -1;
  other.socket_path_.clear();
}

SystemdNotifier::~SystemdNotifier() {
  if (fd_ >= 0) close(fd_);
}

Status SystemdNotifier::Ready(std::string_view status) {
  if (status.empty()) return Notify("READY=1");
  return Notify("READY=1\nSTATUS=" + std::string(status));
}

Status SystemdNotifier::Reloading() {
  return Notify("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(MonotonicMicroseconds()));
}

Status SystemdNotifier::Stopping() { return Notify("STOPPING=1"); }

Status SystemdNotifier::Watchdog() {
  if (watchdog_.count() == 0) return Status::Ok();
  return Notify("WATCHDOG=1");
}

Status SystemdNotifier::SetStatus(std::string_view status) {
  return Notify("STATUS=" + std::string(status));
}

Status SystemdNotifier::Notify(std::string_view message) {
  if (!enabled()) return Status::Ok();
  std::string error;
  const auto addr = Address(socket_path_);
  if (fd_ < 0) {
    error = "cannot create a unix datagram socket";
  } else if (!addr) {
    error = "NOTIFY_SOCKET is neither an absolute path nor an abstract '@' name";
  } else if (sendto(fd_, message.data(), message.size(), MSG_NOSIGNAL,
                    reinterpret_cast<const sockaddr*>(&addr->first), addr->second) < 0) {
    error = std::system_category().message(errno);
  }
  if (error.empty()) return Status::Ok();
  error = "systemd notification to " + socket_path_ + " failed: " + error;
  if (on_error_ && !error_reported_.exchange(true)) on_error_(error);
  return Status::Fail(error);
}

}  // namespace shapewatch
