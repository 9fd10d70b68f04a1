#include "daemon/tool/replay_table.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace shapewatch::tool {
namespace {

void RecordHop(const ScoredHop& scored, std::size_t offset, ReplayTable& table) {
  const Hop& hop = *scored.hop;
  const std::size_t first = offset + static_cast<std::size_t>(hop.first_index);
  for (std::size_t j = 0; j < hop.values.size(); ++j) {
    table.reconstruction[first + j] = hop.reconstruction[j];
    table.error[first + j] = hop.error[j];
  }
  table.hops.push_back({first, hop.values.size(), hop.rms_error, scored.score, scored.anomalous});
}

void AppendNumber(std::string& out, double value) {
  if (std::isnan(value)) return;
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

}  // namespace

ReplayTable Replay(std::span<const double> samples, std::size_t scored_from,
                   std::shared_ptr<const Model> model, DetectorOptions options) {
  const std::size_t n = samples.size();
  const double none = std::numeric_limits<double>::quiet_NaN();
  ReplayTable table;
  table.scored_from = scored_from;
  table.values.assign(samples.begin(), samples.end());
  table.reconstruction.assign(n, none);
  table.error.assign(n, none);
  table.score.assign(n, 0.0);
  table.anomalous.assign(n, 0);
  SeriesDetector detector(std::move(model), options);
  for (std::size_t i = scored_from; i < n; ++i) {
    if (const ScoredHop* hop = detector.Push(samples[i])) RecordHop(*hop, scored_from, table);
    table.score[i] = detector.score();
    table.anomalous[i] = detector.anomalous() ? 1 : 0;
  }
  return table;
}

std::string ReplayToCsv(const ReplayTable& table) {
  std::string out = "index,value,reconstruction,error,score,anomaly\n";
  out.reserve(table.values.size() * 64);
  for (std::size_t i = 0; i < table.values.size(); ++i) {
    out += std::to_string(i);
    out += ',';
    AppendNumber(out, table.values[i]);
    out += ',';
    AppendNumber(out, table.reconstruction[i]);
    out += ',';
    AppendNumber(out, table.error[i]);
    out += ',';
    AppendNumber(out, table.score[i]);
    out += table.anomalous[i] ? ",1\n" : ",0\n";
  }
  return out;
}

}  // namespace shapewatch::tool
