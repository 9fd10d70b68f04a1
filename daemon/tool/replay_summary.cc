// PrintReplaySummary (declared in replay_table.h).
#include <algorithm>
#include <cstddef>

#include "daemon/tool/replay_table.h"

namespace shapewatch::tool {
namespace {

constexpr std::size_t kListed = 5;  // stretches and errors printed at most

void PrintRange(const ReplayHop& first, const ReplayHop& last, std::ostream& out) {
  out << "samples " << first.first << ".." << last.first + last.size - 1;
}

// Runs of consecutive anomalous hops.
void PrintAnomalousStretches(const std::vector<ReplayHop>& hops, std::ostream& out) {
  std::size_t printed = 0, stretches = 0;
  for (std::size_t i = 0; i < hops.size(); ++i) {
    if (!hops[i].anomalous || (i > 0 && hops[i - 1].anomalous)) continue;
    std::size_t end = i;
    double max_score = hops[i].score;
    while (end + 1 < hops.size() && hops[end + 1].anomalous) {
      max_score = std::max(max_score, hops[++end].score);
    }
    ++stretches;
    if (printed++ >= kListed) continue;
    out << "  ";
    PrintRange(hops[i], hops[end], out);
    out << " (max score " << max_score << ")\n";
  }
  if (stretches > kListed) out << "  ... " << stretches - kListed << " more stretches\n";
}

void PrintLargestErrors(std::vector<ReplayHop> hops, std::ostream& out) {
  const std::size_t n = std::min(kListed, hops.size());
  std::partial_sort(hops.begin(), hops.begin() + static_cast<std::ptrdiff_t>(n), hops.end(),
                    [](const ReplayHop& a, const ReplayHop& b) {
                      return a.rms_error > b.rms_error ||
                             (a.rms_error == b.rms_error && a.first < b.first);
                    });
  out << "largest hop errors (RMS):\n";
  for (std::size_t i = 0; i < n; ++i) {
    out << "  ";
    PrintRange(hops[i], hops[i], out);
    out << ": " << hops[i].rms_error << " (score " << hops[i].score << ")\n";
  }
}

}  // namespace

void PrintReplaySummary(const ReplayTable& table, double threshold, std::ostream& out) {
  const std::vector<ReplayHop>& hops = table.hops;
  out << "samples: " << table.values.size() << " (" << table.scored_from << " for training, "
      << table.values.size() - table.scored_from << " scored)\n"
      << "hops: " << hops.size() << "\n";
  if (hops.empty()) return;
  const auto anomalous =
      std::count_if(hops.begin(), hops.end(), [](const ReplayHop& h) { return h.anomalous; });
  out << "anomalous hops: " << anomalous << " (threshold " << threshold << ")\n";
  PrintAnomalousStretches(hops, out);
  const auto top =
      std::max_element(hops.begin(), hops.end(),
                       [](const ReplayHop& a, const ReplayHop& b) { return a.score < b.score; });
  out << "max score: " << top->score << " at ";
  PrintRange(*top, *top, out);
  out << "\n";
  PrintLargestErrors(hops, out);
}

}  // namespace shapewatch::tool
