// AlertMetrics: the alerting families, registered once at start-up.
// prometheus-cpp metrics are thread-safe; the references stay valid as long
// as the registry.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

namespace shapewatch {

struct AlertMetrics {
  explicit AlertMetrics(prometheus::Registry& registry);

  prometheus::Family<prometheus::Counter>& sent;
  prometheus::Counter& sent_ok;        // alerts an Alertmanager accepted
  prometheus::Counter& sent_rejected;  // alerts refused with a 4xx (not retried)
  prometheus::Counter& send_failures;  // POSTs that failed (connection, timeout, 5xx); retried
  prometheus::Counter& dropped;        // alerts dropped because a queue was full
  prometheus::Gauge& firing;           // series whose alert is firing
  prometheus::Gauge& queue_length;     // alerts waiting in the tracker-to-sender queue
};

}  // namespace shapewatch
