#include "daemon/alert/hop_share_window.h"

namespace shapewatch {

HopShareWindow::HopShareWindow(std::chrono::milliseconds longest)
    : longest_(longest), bucket_width_(longest / 64) {}

void HopShareWindow::Add(AlertTime at, bool anomalous) {
  if (buckets_.empty() || at - buckets_.back().first >= bucket_width_) {
    buckets_.push_back({at, {}});
  }
  Count& count = buckets_.back().count;
  ++count.hops;
  if (anomalous) ++count.anomalous;
}

HopShareWindow::Count HopShareWindow::In(AlertTime now, std::chrono::milliseconds window) {
  while (!buckets_.empty() && buckets_.front().first <= now - longest_) buckets_.pop_front();
  Count total;
  for (auto it = buckets_.rbegin(); it != buckets_.rend() && it->first > now - window; ++it) {
    total.hops += it->count.hops;
    total.anomalous += it->count.anomalous;
  }
  return total;
}

}  // namespace shapewatch
