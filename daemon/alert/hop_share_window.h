// HopShareWindow: how many of one series' recent hops were anomalous, over a
// trailing window of time. Hops are counted in time buckets of 1/64 of the
// longest window (at least 1 ms), so memory stays bounded (at most 66
// buckets) however fast the hops come; a window's count is exact to within
// one bucket at its start. Times are points on a monotonic scale. Not
// thread-safe: its owner (AlertTracker) holds it under its lock.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

namespace shapewatch {

class HopShareWindow {
 public:
  using Instant = std::chrono::nanoseconds;

  // `longest`: the longest window In will be asked about.
  explicit HopShareWindow(std::chrono::milliseconds longest);

  // A hop at `at` (not before the previous one); forgets buckets older than
  // the longest window.
  void Add(Instant at, bool anomalous);

  struct Count {
    std::size_t hops = 0;
    std::size_t anomalous = 0;
  };
  // The hops added in (now - window, now]; a window longer than `longest`
  // counts only the last `longest`.
  Count In(Instant now, std::chrono::milliseconds window) const;

 private:
  struct Bucket {
    Instant first;  // the bucket's first hop
    Count count;
  };
  Instant longest_;
  Instant bucket_width_;
  std::deque<Bucket> buckets_;
};

}  // namespace shapewatch
