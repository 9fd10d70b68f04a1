#include "daemon/tool/evaluation_report.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace shapewatch::tool {
namespace {

std::string Fixed(double v, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

std::string Cells(const StreamResult& r) {
  std::string line = "  " + Fixed(r.auc, 3) + "  " + Fixed(100 * r.detected_at_rate, 0) + "%";
  line.resize(16, ' ');
  line += Fixed(100 * r.detected_at_threshold, 0) + "%";
  line.resize(24, ' ');
  return line + Fixed(100 * r.clean_alarm_rate, 2) + "%";
}

nlohmann::json StreamJson(const StreamResult& r) {
  return {{"auc", r.auc},
          {"threshold_at_rate", r.threshold_at_rate},
          {"detected_at_rate", r.detected_at_rate},
          {"detected_at_threshold", r.detected_at_threshold},
          {"clean_alarm_rate", r.clean_alarm_rate}};
}

nlohmann::json OutcomesJson(const std::vector<EventOutcome>& outcomes) {
  nlohmann::json events = nlohmann::json::array();
  for (const EventOutcome& e : outcomes) {
    events.push_back(
        {{"seed", e.seed},
         {"start", e.start},
         {"end", e.end},
         {"variant", e.variant},
         {"instant", {{"score", e.instant}, {"detected_at_rate", e.instant_detected}}},
         {"smoothed", {{"score", e.smoothed}, {"detected_at_rate", e.smoothed_detected}}}});
  }
  return events;
}

}  // namespace

void PrintEvaluationText(const EvaluationReport& report, const EvaluationPlan& plan,
                         std::ostream& out) {
  out << "scale " << report.context.scale << ", period " << report.context.period
      << ", L=" << report.context.segment_len << ", hop " << report.hop << ", k=" << report.clusters
      << "; " << plan.events << " events per kind, seed " << plan.seed;
  if (plan.repeats > 1) {
    out << " to " << plan.seed + plan.repeats - 1 << " (" << plan.repeats
        << " runs, each with its own model: events, clean windows and hops summed, rates averaged)";
  }
  if (!plan.known_anomalies.empty()) {
    out << "; " << plan.known_anomalies.size() << " known anomalies kept out of the clean windows";
  }
  if (plan.retrain_interval > 0) out << "; retrained every " << plan.retrain_interval << " samples";
  out << "\n"
      << "AUC: event windows vs clean windows; @rate: detected at " << plan.false_alarm_rate * 1000
      << " false alarm(s) per 1000 clean hops;\n"
      << "@thr: detected at threshold " << plan.detector.threshold
      << "; fa: clean hops at or above it\n\n"
      << "kind    events |  instant AUC @rate @thr  fa     |  smoothed AUC @rate @thr  fa\n";
  for (const KindResult& k : report.kinds) {
    std::string name(AnomalyKindName(k.kind));
    name.resize(8, ' ');
    std::string events = std::to_string(k.events);
    events.resize(7, ' ');
    std::string instant = Cells(k.instant);
    instant.resize(32, ' ');
    out << name << events << "|" << instant << "|" << Cells(k.smoothed) << "\n";
  }
}

std::string EvaluationToJson(const EvaluationReport& report, const EvaluationPlan& plan) {
  nlohmann::json kinds = nlohmann::json::array();
  for (const KindResult& k : report.kinds) {
    kinds.push_back({{"kind", AnomalyKindName(k.kind)},
                     {"events", k.events},
                     {"event_length", k.event_length},
                     {"clean_windows", k.clean_windows},
                     {"clean_hops", k.clean_hops},
                     {"instant", StreamJson(k.instant)},
                     {"smoothed", StreamJson(k.smoothed)},
                     {"event_outcomes", OutcomesJson(k.outcomes)}});
  }
  const nlohmann::json j = {{"scale", report.context.scale},
                            {"period", report.context.period},
                            {"segment_len", report.context.segment_len},
                            {"hop", report.hop},
                            {"clusters", report.clusters},
                            {"events_per_kind", plan.events},
                            {"seed", plan.seed},
                            {"repeats", plan.repeats},
                            {"false_alarm_rate", plan.false_alarm_rate},
                            {"threshold", plan.detector.threshold},
                            {"flag_score", ScoreKindName(plan.detector.flag_score)},
                            {"known_anomalies", plan.known_anomalies.size()},
                            {"retrain_interval", plan.retrain_interval},
                            {"kinds", std::move(kinds)}};
  return j.dump(1) + "\n";
}

}  // namespace shapewatch::tool
