#include "daemon/alert/alert_metrics.h"

namespace shapewatch {
namespace {

prometheus::Family<prometheus::Counter>& SentFamily(prometheus::Registry& r) {
  return prometheus::BuildCounter()
      .Name("shapewatch_alerts_sent_total")
      .Help("Alerts delivered to Alertmanager, by result (ok, rejected)")
      .Register(r);
}

prometheus::Counter& Counter(prometheus::Registry& r, const char* name, const char* help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(r).Add({});
}

prometheus::Gauge& Gauge(prometheus::Registry& r, const char* name, const char* help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(r).Add({});
}

}  // namespace

AlertMetrics::AlertMetrics(prometheus::Registry& r)
    : sent(SentFamily(r)),
      sent_ok(sent.Add({{"result", "ok"}})),
      sent_rejected(sent.Add({{"result", "rejected"}})),
      send_failures(Counter(r, "shapewatch_alert_send_failures_total",
                            "POSTs to Alertmanager that failed and will be retried")),
      dropped(Counter(r, "shapewatch_alerts_dropped_total",
                      "Alerts dropped undelivered because a queue was full")),
      firing(Gauge(r, "shapewatch_alerts_firing", "Series whose alert is firing")),
      queue_length(Gauge(r, "shapewatch_alert_queue_length",
                         "Alerts waiting between the alert tracker and the sender")) {}

}  // namespace shapewatch
