#include "config/series_rule_parser.h"

#include <filesystem>
#include <vector>

#include "config/yaml_section.h"

namespace shapewatch::config_internal {
namespace {

double ReadThreshold(const Field& field) {
  double value = ReadNumber(field);
  if (!(value > 0.0 && value < 1.0)) {
    Fail(field, "must be between 0 and 1 (exclusive), got " + Quoted(field));
  }
  return value;
}

double ReadTolerance(const Field& field) {
  double value = ReadNumber(field);
  if (value < 0.0) Fail(field, "must not be negative, got " + Quoted(field));
  return value;
}

WindowKind ReadWindow(const Field& field) {
  auto kind = ParseWindowKind(ReadString(field));
  if (!kind) Fail(field, "expected hann or seed, got " + Quoted(field));
  return *kind;
}

Normalization ReadNormalization(const Field& field) {
  auto normalization = ParseNormalization(ReadString(field));
  if (!normalization) Fail(field, "expected none, unit or center, got " + Quoted(field));
  return *normalization;
}

// A share: in [0, 0.5) for training exclusion, in (0, 1] for unstable.
double ReadExcludeShare(const Field& field) {
  double value = ReadNumber(field);
  if (!(value >= 0.0 && value < 0.5)) Fail(field, "must be in [0, 0.5), got " + Quoted(field));
  return value;
}

double ReadUnstableShare(const Field& field) {
  double value = ReadNumber(field);
  if (!(value > 0.0 && value <= 1.0)) Fail(field, "must be in (0, 1], got " + Quoted(field));
  return value;
}

ErrorStatistic ReadErrorStatistic(const Field& field) {
  auto statistic = ParseErrorStatistic(ReadString(field));
  if (!statistic) Fail(field, "expected rms or rms_max, got " + Quoted(field));
  return *statistic;
}

double ReadHalfLife(const Field& field) {
  double value = ReadNumber(field);
  if (value < 0.0) Fail(field, "must not be negative (0 = never forget), got " + Quoted(field));
  return value;
}

ScoreKind ReadScoreKind(const Field& field) {
  auto kind = ParseScoreKind(ReadString(field));
  if (!kind) Fail(field, "expected instant or smoothed, got " + Quoted(field));
  return *kind;
}

// A count of at least 2, or `auto` (sets *is_auto).
std::size_t ReadSegmentLen(const Field& field, bool* is_auto) {
  *is_auto = field.node.IsScalar() && field.node.Scalar() == "auto";
  return *is_auto ? ShapeParams{}.segment_len : ReadCount(field, 2);
}

std::string ReadGlob(const Field& field) {
  std::string glob = ReadString(field);
  if (glob.empty()) Fail(field, "empty pattern (use \"*\" to match every series)");
  return glob;
}

// Adding a setting to a rule is one more line here.
std::vector<KeySpec> RuleKeys(SeriesRule& r) {
  ShapeParams* shape = &r.train.params;
  KMeansOptions* kmeans = &r.train.kmeans;
  return {
      {"match", [&r](const Field& f) { r.match = ReadGlob(f); }},
      {"model", [&r](const Field& f) { r.model_file = ReadString(f); }},
      {"train_samples", [&r](const Field& f) { r.train_samples = ReadCount(f, 1); }},
      {"segment_len",
       [shape, &r](const Field& f) {
         shape->segment_len = ReadSegmentLen(f, &r.train.auto_segment_len);
       }},
      {"hop", [shape](const Field& f) { shape->hop = ReadCount(f, 1); }},
      {"slide", [&r](const Field& f) { r.train.slide = ReadCount(f, 1); }},
      {"clusters", [kmeans](const Field& f) { kmeans->clusters = ReadCount(f, 1); }},
      {"n_init", [kmeans](const Field& f) { kmeans->n_init = ReadCount(f, 1); }},
      {"max_iter", [kmeans](const Field& f) { kmeans->max_iter = ReadCount(f, 1); }},
      {"tol", [kmeans](const Field& f) { kmeans->tol = ReadTolerance(f); }},
      {"window", [shape](const Field& f) { shape->window = ReadWindow(f); }},
      {"normalize", [shape](const Field& f) { shape->normalization = ReadNormalization(f); }},
      {"seed", [kmeans](const Field& f) { kmeans->seed = ReadUint64(f); }},
      {"threshold", [&r](const Field& f) { r.detector.threshold = ReadThreshold(f); }},
      {"score", [&r](const Field& f) { r.detector.flag_score = ReadScoreKind(f); }},
      {"error", [shape](const Field& f) { shape->error_statistic = ReadErrorStatistic(f); }},
      {"history_half_life",
       [&r](const Field& f) { r.detector.history_half_life = ReadHalfLife(f); }},
      {"exclude_share", [&r](const Field& f) { r.train.exclude_share = ReadExcludeShare(f); }},
      {"fine_scale", [&r](const Field& f) { r.train.fine_scale = ReadBool(f); }},
      {"retrain_interval", [&r](const Field& f) { r.retrain_interval = ReadCount(f, 0); }},
      {"unstable_share",
       [&r](const Field& f) { r.detector.unstable_share = ReadUnstableShare(f); }},
  };
}

// Checks that involve several keys, each reported at the key that is off.
void CheckRule(SeriesRule& rule, const SeenFields& seen, const Field& item) {
  ShapeParams& shape = rule.train.params;
  if (!seen.contains("hop")) shape.hop = shape.segment_len / 2;
  std::string shape_error = ValidateShapeParams(shape);
  if (!shape_error.empty()) {
    const char* key = seen.contains("hop") ? "hop" : "segment_len";
    FailAt(item.file, MarkOf(seen, key, item), item.path + "." + key + ": " + shape_error);
  }
  if (rule.train.auto_segment_len && seen.contains("hop")) {
    FailAt(item.file, MarkOf(seen, "hop", item),
           item.path + ".hop: not with segment_len: auto (the hop is L/2)");
  }
  if (rule.train_samples < shape.segment_len) {
    const char* key = seen.contains("train_samples") ? "train_samples" : "segment_len";
    FailAt(item.file, MarkOf(seen, key, item),
           item.path + "." + key + ": train_samples (" + std::to_string(rule.train_samples) +
               ") must be at least segment_len (" + std::to_string(shape.segment_len) + ")");
  }
}

std::string ResolveModelPath(const std::string& model, std::string_view config_file) {
  std::filesystem::path path(model);
  if (model.empty() || path.is_absolute()) return model;
  return (std::filesystem::path(config_file).parent_path() / path).string();
}

SeriesRule ReadRule(const Field& item) {
  if (!item.node.IsMap()) Fail(item, "expected a rule (a mapping with match: ...)");
  SeriesRule rule;
  std::vector<KeySpec> keys = RuleKeys(rule);
  SeenFields seen = ReadSection(item, keys);
  CheckRule(rule, seen, item);
  rule.model_file = ResolveModelPath(rule.model_file, item.file);
  return rule;
}

}  // namespace

std::vector<SeriesRule> ReadSeriesRules(const Field& list) {
  if (!list.node.IsSequence() || list.node.size() == 0) {
    Fail(list, "expected a list of rules (- match: \"*\" ...)");
  }
  std::vector<SeriesRule> rules;
  for (std::size_t i = 0; i < list.node.size(); ++i) {
    YAML::Node node = list.node[i];
    YAML::Mark mark = node.Mark().is_null() ? list.mark : node.Mark();
    std::string path = list.path + "[" + std::to_string(i) + "]";
    rules.push_back(ReadRule(Field{list.file, node, mark, std::move(path)}));
  }
  return rules;
}

}  // namespace shapewatch::config_internal
