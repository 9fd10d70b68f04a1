// BlockedSignals: blocks a set of signals in the calling thread for its
// lifetime (threads started meanwhile inherit the block) and restores the
// previous mask on destruction or Unblock().
//
// The daemon blocks SIGINT/SIGTERM/SIGHUP before it starts any thread and
// unblocks them only in the thread that runs the io_context, once the
// asio::signal_set is armed. A stop or reload signal is then delivered to
// that thread alone, never to a worker (or an exposer thread) that is busy
// or parked; one sent during start-up waits, pending, for the signal_set
// instead of killing the process half-started. Code on the io thread that
// makes a library start a thread (Asio's resolver thread, on the first
// async_resolve) blocks them around that call too. Not copyable; owned and
// used by one thread.
#pragma once

#include <csignal>
#include <initializer_list>

namespace shapewatch {

class BlockedSignals {
 public:
  explicit BlockedSignals(std::initializer_list<int> signals);
  // SIGINT, SIGTERM and SIGHUP: what the daemon's io thread alone handles.
  static BlockedSignals StopAndReload() { return BlockedSignals({SIGINT, SIGTERM, SIGHUP}); }
  ~BlockedSignals();
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;

  // Restores the mask saved at construction (pending signals are delivered
  // now); later calls and the destructor do nothing.
  void Unblock();

 private:
  sigset_t previous_{};
  bool blocked_ = false;
};

}  // namespace shapewatch
