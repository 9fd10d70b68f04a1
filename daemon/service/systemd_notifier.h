// SystemdNotifier: our own implementation of systemd's sd_notify protocol
// (no libsystemd): one datagram per message to $NOTIFY_SOCKET, a filesystem
// path or an abstract socket written with a leading '@'.
//
// Without NOTIFY_SOCKET every call is a no-op that succeeds. The watchdog is
// enabled when WATCHDOG_USEC is a positive number and WATCHDOG_PID is unset
// or names this process. Immutable after construction, so safe to use from
// several threads (the detector thread sends WATCHDOG=1).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace shapewatch {

class SystemdNotifier {
 public:
  // Looks up an environment variable; nullopt when unset.
  using Environment = std::function<std::optional<std::string>(const std::string&)>;
  // Told about the first failed send only (a broken socket must not flood
  // the log at watchdog rate); later failures are only returned.
  using ErrorSink = std::function<void(const std::string&)>;

  // Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID through `env`;
  // `pid` is this process's id, compared with WATCHDOG_PID.
  SystemdNotifier(const Environment& env, long pid, ErrorSink on_error = nullptr);
  // The same, from the real environment and getpid().
  static SystemdNotifier FromEnvironment(ErrorSink on_error = nullptr);
  ~SystemdNotifier();
  SystemdNotifier(SystemdNotifier&& other) noexcept;
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(SystemdNotifier&&) = delete;

  bool enabled() const { return !socket_path_.empty(); }
  // How often systemd expects WATCHDOG=1; zero when the watchdog is off.
  std::chrono::microseconds watchdog_interval() const { return watchdog_; }

  // READY=1, with STATUS=`status` when it is not empty. Also ends a reload.
  Status Ready(std::string_view status = {});
  // RELOADING=1 with MONOTONIC_USEC (systemd >= 253 requires it; older
  // versions ignore it).
  Status Reloading();
  Status Stopping();
  // WATCHDOG=1, only when the watchdog is enabled (otherwise a no-op).
  Status Watchdog();
  Status SetStatus(std::string_view status);

  // Sends `message` ("KEY=value" lines separated by '\n') as one datagram.
  Status Notify(std::string_view message);

 private:
  std::string socket_path_;  // as given in NOTIFY_SOCKET; "" = disabled
  std::chrono::microseconds watchdog_{0};
  int fd_ = -1;
  ErrorSink on_error_;
  std::atomic<bool> error_reported_{false};
};

}  // namespace shapewatch
