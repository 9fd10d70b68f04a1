#include "core/training_exclusion.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace shapewatch {
namespace {

// Largest sample_error over each segment's span (sliding maximum).
std::vector<double> SegmentBadness(std::span<const double> sample_error, std::size_t len,
                                   std::size_t slide) {
  std::vector<double> badness;
  std::deque<std::size_t> window;  // indices with decreasing errors
  std::size_t next = 0;
  for (std::size_t start = 0; start + len <= sample_error.size(); start += slide) {
    for (; next < start + len; ++next) {
      while (!window.empty() && sample_error[window.back()] <= sample_error[next]) {
        window.pop_back();
      }
      window.push_back(next);
    }
    while (window.front() < start) window.pop_front();
    badness.push_back(sample_error[window.front()]);
  }
  return badness;
}

}  // namespace

std::vector<bool> SegmentsToKeep(std::span<const double> sample_error, std::size_t segment_len,
                                 std::size_t slide, double share,
                                 const std::vector<bool>& candidates) {
  std::vector<double> badness = SegmentBadness(sample_error, segment_len, slide);
  for (std::size_t i = 0; i < candidates.size() && i < badness.size(); ++i) {
    if (!candidates[i]) badness[i] = -std::numeric_limits<double>::infinity();
  }
  std::vector<bool> keep(badness.size(), true);
  const std::size_t ranked =
      candidates.empty()
          ? badness.size()
          : static_cast<std::size_t>(std::count(candidates.begin(), candidates.end(), true));
  const auto drop = static_cast<std::size_t>(share * static_cast<double>(ranked));
  if (drop == 0 || drop >= ranked) return keep;
  std::vector<double> sorted = badness;
  const auto cut = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() - drop);
  std::nth_element(sorted.begin(), cut, sorted.end());
  const double cutoff = *cut;  // the best of the dropped share
  const double below = *std::max_element(sorted.begin(), cut);
  // Ties at the cut-off are all kept.
  const bool tied = !(cutoff > below);
  for (std::size_t i = 0; i < badness.size(); ++i) {
    keep[i] = tied ? badness[i] <= cutoff : badness[i] < cutoff;
  }
  return keep;
}

ExcludedSamples::ExcludedSamples(const std::vector<bool>& excluded) {
  if (std::none_of(excluded.begin(), excluded.end(), [](bool e) { return e; })) return;
  prefix_.assign(excluded.size() + 1, 0);
  for (std::size_t i = 0; i < excluded.size(); ++i) {
    prefix_[i + 1] = prefix_[i] + (excluded[i] ? 1 : 0);
  }
}

bool ExcludedSamples::AnyIn(std::size_t from, std::size_t to) const {
  if (prefix_.empty()) return false;
  const std::size_t size = prefix_.size() - 1;
  to = std::min(to, size);
  return from < to && prefix_[to] > prefix_[from];
}

std::vector<bool> SegmentsClearOf(const ExcludedSamples& excluded, std::size_t offset,
                                  std::size_t size, std::size_t segment_len, std::size_t slide) {
  std::vector<bool> clear;
  if (!excluded.any() || slide == 0) return clear;
  for (std::size_t start = 0; start + segment_len <= size; start += slide) {
    clear.push_back(!excluded.AnyIn(offset + start, offset + start + segment_len));
  }
  return clear;
}

std::vector<bool> BothKeep(std::vector<bool> a, const std::vector<bool>& b) {
  if (a.empty()) return b;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) a[i] = a[i] && b[i];
  return a;
}

Matrix KeepRows(const Matrix& m, const std::vector<bool>& keep) {
  if (keep.size() < m.rows() || std::none_of(keep.begin(), keep.end(), [](bool k) { return k; })) {
    return m;
  }
  Matrix out;
  for (std::size_t i = 0; i < m.rows(); ++i) {
    if (keep[i]) out.AppendRow(m.row(i));
  }
  return out;
}

}  // namespace shapewatch
