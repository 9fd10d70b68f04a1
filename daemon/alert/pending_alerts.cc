#include "daemon/alert/pending_alerts.h"

namespace shapewatch {

bool PendingAlerts::Put(Alert alert) {
  if (auto it = by_key_.find(alert.key); it != by_key_.end()) Erase(it->second);
  bool kept_all = true;
  if (capacity_ > 0 && entries_.size() >= capacity_) {
    Erase(entries_.begin());
    kept_all = false;
  }
  std::string key = alert.key;
  entries_.push_back(Entry{std::move(alert), next_generation_++});
  by_key_[std::move(key)] = std::prev(entries_.end());
  return kept_all;
}

std::vector<Alert> PendingAlerts::Batch(std::size_t max, std::vector<Ticket>& tickets) const {
  std::vector<Alert> batch;
  for (auto it = entries_.begin(); it != entries_.end() && batch.size() < max; ++it) {
    batch.push_back(it->alert);
    tickets.push_back(Ticket{it->alert.key, it->generation});
  }
  return batch;
}

void PendingAlerts::Delivered(const std::vector<Ticket>& tickets) {
  for (const Ticket& t : tickets) {
    auto it = by_key_.find(t.key);
    if (it != by_key_.end() && it->second->generation == t.generation) Erase(it->second);
  }
}

void PendingAlerts::Erase(std::list<Entry>::iterator it) {
  by_key_.erase(it->alert.key);
  entries_.erase(it);
}

}  // namespace shapewatch
