// AlertQueue: the bounded hand-off from the AlertTracker (detector thread,
// and the io thread's ticks) to the AlertmanagerSender (io thread).
// Push never blocks: when full, the oldest alert is dropped and counted.
// Thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "daemon/alert/alert.h"
#include "daemon/alert/alert_metrics.h"

namespace shapewatch {

class AlertQueue {
 public:
  // `on_push` is called after each Push, outside the lock, on the pushing
  // thread; it must not block (the sender posts a wake-up to its io_context).
  AlertQueue(std::size_t capacity, AlertMetrics& metrics, std::function<void()> on_push);

  void Push(Alert alert);
  std::vector<Alert> TakeAll();
  std::size_t size() const;

 private:
  const std::size_t capacity_;
  AlertMetrics& metrics_;
  const std::function<void()> on_push_;
  mutable std::mutex mutex_;
  std::deque<Alert> alerts_;  // GUARDED_BY(mutex_)
};

}  // namespace shapewatch
