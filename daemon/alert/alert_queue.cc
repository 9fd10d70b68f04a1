#include "daemon/alert/alert_queue.h"

namespace shapewatch {

AlertQueue::AlertQueue(std::size_t capacity, AlertMetrics& metrics, std::function<void()> on_push)
    : capacity_(capacity), metrics_(metrics), on_push_(std::move(on_push)) {}

void AlertQueue::Push(Alert alert) {
  {
    std::lock_guard lock(mutex_);
    if (alerts_.size() >= capacity_) {
      alerts_.pop_front();
      metrics_.dropped.Increment();
    }
    alerts_.push_back(std::move(alert));
    metrics_.queue_length.Set(static_cast<double>(alerts_.size()));
  }
  if (on_push_) on_push_();
}

std::vector<Alert> AlertQueue::TakeAll() {
  std::lock_guard lock(mutex_);
  std::vector<Alert> taken(std::make_move_iterator(alerts_.begin()),
                           std::make_move_iterator(alerts_.end()));
  alerts_.clear();
  metrics_.queue_length.Set(0);
  return taken;
}

std::size_t AlertQueue::size() const {
  std::lock_guard lock(mutex_);
  return alerts_.size();
}

}  // namespace shapewatch
