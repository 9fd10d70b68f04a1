#include "daemon/ingest/ingest_metrics.h"

#include <string>

namespace shapewatch {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;

Family<Counter>& DroppedFamily(prometheus::Registry& registry) {
  return BuildCounter()
      .Name("shapewatch_samples_dropped_total")
      .Help("Well-formed samples that were received but not processed, by reason.")
      .Register(registry);
}

Gauge& ConnectionsGauge(prometheus::Registry& registry) {
  return BuildGauge()
      .Name("shapewatch_ingest_connections")
      .Help("Graphite TCP connections currently open.")
      .Register(registry)
      .Add({});
}

Counter& ConnectionsCounter(prometheus::Registry& registry) {
  return BuildCounter()
      .Name("shapewatch_ingest_connections_total")
      .Help("Graphite TCP connections accepted since start-up.")
      .Register(registry)
      .Add({});
}

}  // namespace

std::string_view ProtocolLabel(IngestProtocol protocol) {
  return protocol == IngestProtocol::kTcp ? "tcp" : "udp";
}

IngestMetrics::IngestMetrics(prometheus::Registry& registry)
    : dropped_family_(DroppedFamily(registry)),
      dropped_queue_full_(dropped_family_.Add({{"reason", "queue_full"}})),
      dropped_series_limit_(dropped_family_.Add({{"reason", "series_limit"}})),
      connections_(ConnectionsGauge(registry)),
      connections_total_(ConnectionsCounter(registry)) {
  auto& received = BuildCounter()
                       .Name("shapewatch_samples_received_total")
                       .Help("Well-formed Graphite samples received, by protocol.")
                       .Register(registry);
  auto& errors = BuildCounter()
                     .Name("shapewatch_ingest_errors_total")
                     .Help("Malformed Graphite lines skipped, by protocol and reason.")
                     .Register(registry);
  for (auto protocol : {IngestProtocol::kTcp, IngestProtocol::kUdp}) {
    const std::string label(ProtocolLabel(protocol));
    received_[Index(protocol)] = &received.Add({{"protocol", label}});
    for (std::size_t r = 0; r < kParseErrorCount; ++r) {
      const std::string reason(ParseErrorLabel(static_cast<ParseError>(r)));
      errors_[Index(protocol)][r] = &errors.Add({{"protocol", label}, {"reason", reason}});
    }
  }
}

prometheus::Counter& IngestMetrics::Dropped(std::string_view reason) {
  return dropped_family_.Add({{"reason", std::string(reason)}});
}

}  // namespace shapewatch
