// IngestMetrics: the ingest counters, registered once at start-up in the
// daemon's prometheus::Registry; the hot path only increments references.
//   shapewatch_samples_received_total{protocol}
//   shapewatch_ingest_errors_total{protocol,reason}   (every reason pre-created)
//   shapewatch_samples_dropped_total{reason}
//   shapewatch_ingest_connections, shapewatch_ingest_connections_total
// The registry must outlive this object. Thread-safe: counters and gauges
// are atomic, Dropped() takes the family's lock.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/ingest/graphite_line_parser.h"

namespace shapewatch {

enum class IngestProtocol : std::uint8_t { kTcp, kUdp };
inline constexpr std::size_t kIngestProtocolCount = 2;

std::string_view ProtocolLabel(IngestProtocol protocol);  // "tcp", "udp"

class IngestMetrics {
 public:
  // Throws (as prometheus-cpp does) if the names clash with other families.
  explicit IngestMetrics(prometheus::Registry& registry);

  prometheus::Counter& received(IngestProtocol protocol) { return *received_[Index(protocol)]; }
  prometheus::Counter& error(IngestProtocol protocol, ParseError reason) {
    return *errors_[Index(protocol)][static_cast<std::size_t>(reason)];
  }
  prometheus::Counter& dropped_queue_full() { return dropped_queue_full_; }
  prometheus::Counter& dropped_series_limit() { return dropped_series_limit_; }
  prometheus::Gauge& connections() { return connections_; }
  prometheus::Counter& connections_total() { return connections_total_; }

  // The dropped counter for another `reason` (e.g. "out_of_order"), created
  // on first use. Allocates: call at start-up and keep the reference.
  prometheus::Counter& Dropped(std::string_view reason);

 private:
  static std::size_t Index(IngestProtocol p) { return static_cast<std::size_t>(p); }

  prometheus::Family<prometheus::Counter>& dropped_family_;
  std::array<prometheus::Counter*, kIngestProtocolCount> received_{};
  std::array<std::array<prometheus::Counter*, kParseErrorCount>, kIngestProtocolCount> errors_{};
  prometheus::Counter& dropped_queue_full_;
  prometheus::Counter& dropped_series_limit_;
  prometheus::Gauge& connections_;
  prometheus::Counter& connections_total_;
};

}  // namespace shapewatch
