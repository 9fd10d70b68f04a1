#include "core/model.h"

namespace shapewatch {

std::string_view ErrorStatisticName(ErrorStatistic statistic) {
  return statistic == ErrorStatistic::kRmsMax ? "rms_max" : "rms";
}

std::optional<ErrorStatistic> ParseErrorStatistic(std::string_view name) {
  if (name == "rms") return ErrorStatistic::kRms;
  if (name == "rms_max") return ErrorStatistic::kRmsMax;
  return std::nullopt;
}

std::string ValidateShapeParams(const ShapeParams& p) {
  if (p.segment_len < 2) return "segment length must be at least 2";
  if (p.hop < 1) return "hop must be at least 1";
  if (p.hop * 2 > p.segment_len) {
    return "hop " + std::to_string(p.hop) + " is more than half the segment length " +
           std::to_string(p.segment_len);
  }
  if (p.segment_len % p.hop != 0) {
    return "hop " + std::to_string(p.hop) + " does not divide the segment length " +
           std::to_string(p.segment_len);
  }
  return "";
}

}  // namespace shapewatch
