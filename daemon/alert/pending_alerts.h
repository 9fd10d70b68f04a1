// PendingAlerts: one Alertmanager's undelivered alerts — the latest per key
// (series), oldest first, bounded: beyond capacity the oldest is dropped.
// Keeping the latest state rather than every event is what lets the current
// firing/resolved state reach an Alertmanager that was down. Not
// thread-safe; used on the io thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/alert/alert.h"

namespace shapewatch {

class PendingAlerts {
 public:
  // Names the version of an alert that went out in a batch.
  struct Ticket {
    std::string key;
    std::uint64_t generation = 0;
  };

  explicit PendingAlerts(std::size_t capacity) : capacity_(capacity) {}

  // Replaces the alert with the same key, if any. Returns false when the
  // oldest alert was dropped to make room.
  bool Put(Alert alert);
  // Up to `max` alerts, oldest first; their tickets go to `tickets`.
  std::vector<Alert> Batch(std::size_t max, std::vector<Ticket>& tickets) const;
  // Removes a sent batch's alerts, except those superseded since.
  void Delivered(const std::vector<Ticket>& tickets);

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    Alert alert;
    std::uint64_t generation;
  };
  void Erase(std::list<Entry>::iterator it);

  const std::size_t capacity_;
  std::list<Entry> entries_;  // oldest first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
  std::uint64_t next_generation_ = 0;
};

}  // namespace shapewatch
