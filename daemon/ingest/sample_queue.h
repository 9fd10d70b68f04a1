// SampleQueue: the one bounded hand-off between the ingest thread (producer)
// and the detector thread (consumer) — the daemon's ring buffer.
//
// Fixed capacity, never grows. A producer that finds it full gets told how
// many samples fit; TCP ingest then stops reading its sockets
// (back-pressure) until the consumer has drained the queue below half, at
// which point the consumer calls the space-available callback once.
// Thread-safe: any number of producers, one consumer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

namespace shapewatch {

struct IngestedSample {
  std::uint32_t series = 0;  // id from SeriesDirectory
  double timestamp = 0.0;    // seconds since the epoch, as sent
  double value = 0.0;
};

class SampleQueue {
 public:
  explicit SampleQueue(std::size_t capacity);

  // Appends as many of `samples` as fit, in order; returns how many. When
  // not all fit, the space-available callback fires once the queue has
  // drained below half its capacity.
  std::size_t TryPush(std::span<const IngestedSample> samples);

  // Waits until samples are queued or the queue is closed, then moves up to
  // `max` of them into `out` (cleared first). Returns false only when the
  // queue is closed and empty; after Wake() it may return true with `out`
  // empty.
  // `queued_at`, when given, receives when the batch's oldest sample was
  // pushed (for the detector-lag metric).
  bool PopBatch(std::vector<IngestedSample>& out, std::size_t max,
                std::chrono::steady_clock::time_point* queued_at = nullptr);

  // Like PopBatch but waits at most `timeout`; on timeout returns true with
  // `out` empty (unless the queue is closed and empty: false). Lets the
  // consumer do periodic work, e.g. the systemd watchdog, while idle.
  bool PopBatchFor(std::vector<IngestedSample>& out, std::size_t max,
                   std::chrono::steady_clock::duration timeout,
                   std::chrono::steady_clock::time_point* queued_at = nullptr);

  // Like PopBatch but returns at once (false when nothing was queued).
  bool TryPopBatch(std::vector<IngestedSample>& out, std::size_t max);

  // No more pushes will come; PopBatch drains what is left, then ends.
  void Close();

  // Makes a waiting PopBatch return (with an empty batch) so the consumer
  // can attend to other work, e.g. a finished training.
  void Wake();

  // Called from the consumer thread, without the lock held; it should only
  // post work to the producer's thread.
  void SetSpaceAvailableCallback(std::function<void()> callback);

  std::size_t size() const;
  std::size_t capacity() const { return buffer_.size(); }
  std::uint64_t pushed_total() const;

 private:
  void PopLocked(std::vector<IngestedSample>& out, std::size_t max,
                 std::chrono::steady_clock::time_point* queued_at = nullptr);
  bool PopAfterWait(std::unique_lock<std::mutex>& lock, std::vector<IngestedSample>& out,
                    std::size_t max, std::chrono::steady_clock::time_point* queued_at);
  void NotifySpace(std::unique_lock<std::mutex>& lock);

  mutable std::mutex mutex_;
  std::condition_variable not_empty_;
  std::vector<IngestedSample> buffer_;                            // ring storage, fixed size
  std::vector<std::chrono::steady_clock::time_point> pushed_at_;  // per slot
  std::size_t head_ = 0;                                          // GUARDED_BY(mutex_): next to pop
  std::size_t count_ = 0;                                         // GUARDED_BY(mutex_)
  bool closed_ = false;                                           // GUARDED_BY(mutex_)
  bool woken_ = false;                                            // GUARDED_BY(mutex_)
  bool producer_waiting_ = false;                                 // GUARDED_BY(mutex_)
  std::uint64_t pushed_total_ = 0;                                // GUARDED_BY(mutex_)
  std::function<void()> on_space_;                                // GUARDED_BY(mutex_)
};

}  // namespace shapewatch
