#include "daemon/ingest/sample_queue.h"

#include <algorithm>

namespace shapewatch {

SampleQueue::SampleQueue(std::size_t capacity)
    : buffer_(std::max<std::size_t>(capacity, 1)), pushed_at_(buffer_.size()) {}

std::size_t SampleQueue::TryPush(std::span<const IngestedSample> samples) {
  std::size_t pushed = 0;
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    const std::size_t room = buffer_.size() - count_;
    pushed = std::min(room, samples.size());
    for (std::size_t i = 0; i < pushed; ++i) {
      const std::size_t slot = (head_ + count_ + i) % buffer_.size();
      buffer_[slot] = samples[i];
      pushed_at_[slot] = now;
    }
    count_ += pushed;
    pushed_total_ += pushed;
    if (pushed < samples.size()) producer_waiting_ = true;
  }
  if (pushed > 0) not_empty_.notify_one();
  return pushed;
}

void SampleQueue::PopLocked(std::vector<IngestedSample>& out, std::size_t max,
                            std::chrono::steady_clock::time_point* queued_at) {
  out.clear();
  if (queued_at && count_ > 0) *queued_at = pushed_at_[head_];
  const std::size_t n = std::min(max, count_);
  for (std::size_t i = 0; i < n; ++i) out.push_back(buffer_[(head_ + i) % buffer_.size()]);
  head_ = (head_ + n) % buffer_.size();
  count_ -= n;
}

void SampleQueue::NotifySpace(std::unique_lock<std::mutex>& lock) {
  if (!producer_waiting_ || count_ * 2 >= buffer_.size()) return;
  producer_waiting_ = false;
  std::function<void()> callback = on_space_;
  lock.unlock();
  if (callback) callback();
}

bool SampleQueue::PopBatch(std::vector<IngestedSample>& out, std::size_t max,
                           std::chrono::steady_clock::time_point* queued_at) {
  std::unique_lock lock(mutex_);
  not_empty_.wait(lock, [&] { return count_ > 0 || closed_ || woken_; });
  return PopAfterWait(lock, out, max, queued_at);
}

bool SampleQueue::PopBatchFor(std::vector<IngestedSample>& out, std::size_t max,
                              std::chrono::steady_clock::duration timeout,
                              std::chrono::steady_clock::time_point* queued_at) {
  std::unique_lock lock(mutex_);
  not_empty_.wait_for(lock, timeout, [&] { return count_ > 0 || closed_ || woken_; });
  return PopAfterWait(lock, out, max, queued_at);
}

// Shared tail of PopBatch and PopBatchFor, once the wait is over.
bool SampleQueue::PopAfterWait(std::unique_lock<std::mutex>& lock, std::vector<IngestedSample>& out,
                               std::size_t max, std::chrono::steady_clock::time_point* queued_at) {
  woken_ = false;
  if (count_ == 0) {
    out.clear();
    return !closed_;
  }
  PopLocked(out, max, queued_at);
  NotifySpace(lock);
  return true;
}

bool SampleQueue::TryPopBatch(std::vector<IngestedSample>& out, std::size_t max) {
  std::unique_lock lock(mutex_);
  if (count_ == 0) {
    out.clear();
    return false;
  }
  PopLocked(out, max);
  NotifySpace(lock);
  return true;
}

void SampleQueue::Close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  not_empty_.notify_all();
}

void SampleQueue::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  not_empty_.notify_all();
}

void SampleQueue::SetSpaceAvailableCallback(std::function<void()> callback) {
  std::lock_guard lock(mutex_);
  on_space_ = std::move(callback);
}

std::size_t SampleQueue::size() const {
  std::lock_guard lock(mutex_);
  return count_;
}

std::uint64_t SampleQueue::pushed_total() const {
  std::lock_guard lock(mutex_);
  return pushed_total_;
}

}  // namespace shapewatch
