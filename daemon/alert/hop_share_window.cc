#include "daemon/alert/hop_share_window.h"

#include <algorithm>

namespace shapewatch {

HopShareWindow::HopShareWindow(std::chrono::milliseconds longest)
    : longest_(longest),
      bucket_width_(std::max<Instant>(longest_ / 64, std::chrono::milliseconds(1))) {}

void HopShareWindow::Add(Instant at, bool anomalous) {
  while (!buckets_.empty() && buckets_.front().first <= at - longest_) buckets_.pop_front();
  if (buckets_.empty() || at - buckets_.back().first >= bucket_width_) {
    buckets_.push_back({at, {}});
  }
  Count& count = buckets_.back().count;
  ++count.hops;
  if (anomalous) ++count.anomalous;
}

HopShareWindow::Count HopShareWindow::In(Instant now, std::chrono::milliseconds window) const {
  const Instant start = now - std::min<Instant>(window, longest_);
  Count total;
  for (auto it = buckets_.rbegin(); it != buckets_.rend() && it->first > start; ++it) {
    total.hops += it->count.hops;
    total.anomalous += it->count.anomalous;
  }
  return total;
}

}  // namespace shapewatch
