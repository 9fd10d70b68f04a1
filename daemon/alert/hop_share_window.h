// HopShareWindow: how many of one series' recent hops were anomalous, over a
// trailing window of wall time. Hops are counted in time buckets of 1/64 of
// the longest window asked for, so memory stays bounded (at most 66 buckets)
// however fast the series' hops come; a window's count is exact to within
// one bucket at its start. Not thread-safe: its owner (AlertTracker) holds it
// under its lock.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

#include "daemon/alert/alert.h"

namespace shapewatch {

class HopShareWindow {
 public:
  // `longest`: the longest window Count will be asked about.
  explicit HopShareWindow(std::chrono::milliseconds longest);

  // A hop that arrived at `at` (not before the previous one's time).
  void Add(AlertTime at, bool anomalous);

  struct Count {
    std::size_t hops = 0;
    std::size_t anomalous = 0;
  };
  // The hops that arrived in (now - window, now]; a window longer than
  // `longest` counts only the last `longest`. Buckets older than that are
  // dropped on the way.
  Count In(AlertTime now, std::chrono::milliseconds window);

 private:
  struct Bucket {
    AlertTime first;  // arrival of the bucket's first hop
    Count count;
  };
  std::chrono::milliseconds longest_;
  std::chrono::milliseconds bucket_width_;
  std::deque<Bucket> buckets_;
};

}  // namespace shapewatch
