// shapewatch evaluate: how well the detector finds injected anomalies in a
// recording (see daemon/tool/evaluation.h).
#include <algorithm>
#include <memory>
#include <sstream>

#include "daemon/io/file_io.h"
#include "daemon/tool/command.h"
#include "daemon/tool/evaluation.h"
#include "daemon/tool/evaluation_report.h"
#include "daemon/tool/known_anomalies.h"
#include "daemon/tool/recording_options.h"
#include "daemon/tool/train_options.h"

namespace shapewatch::tool {
namespace {

std::vector<AnomalyKind> KindsFrom(const CommandLine& line) {
  std::optional<std::string> list = line.Get("kinds");
  if (!list) return {std::begin(kAllAnomalyKinds), std::end(kAllAnomalyKinds)};
  std::vector<AnomalyKind> kinds;
  std::istringstream in(*list);
  for (std::string name; std::getline(in, name, ',');) {
    std::optional<AnomalyKind> kind = ParseAnomalyKind(name);
    if (!kind) {
      throw UsageError("--kinds: unknown kind '" + name +
                       "' (expected zero, spike, flat, level, shape, noise)");
    }
    kinds.push_back(*kind);
  }
  if (kinds.empty()) throw UsageError("--kinds: expected at least one kind");
  return kinds;
}

DetectorOptions DetectorOptionsFrom(const CommandLine& line) {
  DetectorOptions d;
  d.threshold = line.GetDouble("threshold", d.threshold);
  if (!(d.threshold > 0.0 && d.threshold < 1.0)) {
    throw UsageError("--threshold: expected a number in (0, 1)");
  }
  if (std::optional<std::string> name = line.Get("score")) {
    std::optional<ScoreKind> kind = ParseScoreKind(*name);
    if (!kind) throw UsageError("--score: expected instant or smoothed, got '" + *name + "'");
    d.flag_score = *kind;
  }
  d.flagged_weight = line.GetDouble("flagged-weight", d.flagged_weight);
  if (!(d.flagged_weight >= 0.0 && d.flagged_weight <= 1.0)) {
    throw UsageError("--flagged-weight: expected a number in [0, 1]");
  }
  d.history_half_life = line.GetDouble("half-life", d.history_half_life);
  if (!(d.history_half_life >= 0.0)) throw UsageError("--half-life: expected hops >= 0");
  return d;
}

EvaluationPlan PlanFrom(const CommandLine& line) {
  EvaluationPlan plan;
  plan.train_samples = line.GetSize("train-samples", 0, 1);
  if (!line.Has("train-samples")) throw UsageError("missing --train-samples");
  plan.events = line.GetSize("events", plan.events, 1);
  plan.seed = line.GetUnsigned("seed", plan.seed);
  plan.repeats = line.GetSize("repeats", plan.repeats, 1);
  plan.kinds = KindsFrom(line);
  plan.detector = DetectorOptionsFrom(line);
  plan.retrain_interval = line.GetSize("retrain-interval", plan.retrain_interval, 0);
  return plan;
}

int Fail(std::ostream& err, const std::string& message) {
  err << "shapewatch evaluate: " << message << "\n";
  return kExitFailure;
}

// The --known-anomalies file, checked against the recording's length.
Result<std::vector<SampleRange>> KnownAnomaliesFrom(const CommandLine& line, std::size_t samples) {
  const std::optional<std::string> path = line.Get("known-anomalies");
  if (!path) return std::vector<SampleRange>{};
  Result<std::string> text = ReadFile(*path);
  if (!text.ok()) return Error{text.error()};
  Result<std::vector<SampleRange>> ranges = ParseKnownAnomalies(*text, *path);
  if (!ranges.ok()) return ranges;
  for (SampleRange& r : *ranges) {
    if (r.begin >= samples) {
      return Error{*path + ": stretch " + std::to_string(r.begin) + " " + std::to_string(r.end) +
                   " starts beyond the recording's " + std::to_string(samples) +
                   " samples (indices are samples, not seconds)"};
    }
    r.end = std::min(r.end, samples);  // a stretch may run to the end
  }
  return ranges;
}

int RunEvaluate(const CommandLine& line, std::ostream& out, std::ostream& err) {
  EvaluationPlan plan = PlanFrom(line);
  const TrainOptions train = TrainOptionsFrom(line);
  const std::string input = line.Require("input");
  Result<std::vector<double>> samples = LoadRecording(line);
  if (!samples.ok()) return Fail(err, samples.error());
  if (plan.train_samples >= samples->size()) {
    return Fail(err, input + ": --train-samples leaves nothing to evaluate on");
  }
  Result<std::vector<SampleRange>> known = KnownAnomaliesFrom(line, samples->size());
  if (!known.ok()) return Fail(err, known.error());
  plan.known_anomalies = std::move(*known);
  std::vector<EvaluationReport> reports;
  for (std::size_t r = 0; r < plan.repeats; ++r) {
    EvaluationPlan run = plan;
    run.seed = plan.seed + r;
    TrainOptions run_train = train;
    run_train.kmeans.seed = train.kmeans.seed + r;
    run.train = run_train;
    Result<Model> model = TrainModel(std::span(*samples).first(plan.train_samples), run_train);
    if (!model.ok()) return Fail(err, input + ": " + model.error());
    const auto shared = std::make_shared<const Model>(std::move(*model));
    Result<EvaluationReport> report = Evaluate(*samples, shared, run);
    if (!report.ok()) return Fail(err, input + ": " + report.error());
    reports.push_back(std::move(*report));
  }
  const EvaluationReport report = AverageReports(reports);
  if (line.Has("json")) {
    out << EvaluationToJson(report, plan);
  } else {
    PrintEvaluationText(report, plan, out);
  }
  return kExitOk;
}

std::vector<OptionSpec> Specs() {
  std::vector<OptionSpec> specs(RecordingOptionSpecs().begin(), RecordingOptionSpecs().end());
  specs.push_back({"train-samples", "N", "train on the first N samples (required)"});
  specs.push_back({"events", "K", "events injected per kind (default 20)"});
  specs.push_back({"repeats", "N",
                   "run seeds S..S+N-1 (each trains its own model) and report the means "
                   "(default 1)"});
  specs.push_back({"kinds", "LIST", "comma-separated: zero,spike,flat,level,shape,noise (all)"});
  specs.push_back({"threshold", "T", "the alert threshold reported as @thr (default 0.999)"});
  specs.push_back({"score", "instant|smoothed", "which score drives the flag (default instant)"});
  specs.push_back({"flagged-weight", "W", "history weight of a flagged hop (default 1)"});
  specs.push_back(
      {"half-life", "HOPS", "half-life of an error in the history, 0: never forget (default 0)"});
  specs.push_back({"retrain-interval", "N",
                   "retrain every N scored samples on the last --train-samples samples, flagged "
                   "hops left out, as the daemon's retrain_interval (default 0: never)"});
  specs.push_back({"known-anomalies", "FILE",
                   "lines 'START END' (sample indices): real anomalies kept out of the clean "
                   "windows"});
  specs.push_back(
      {"json", "",
       "print JSON instead of a table, with every event (seed, samples, variant, scores)"});
  specs.insert(specs.end(), TrainOptionSpecs().begin(), TrainOptionSpecs().end());
  return specs;
}

}  // namespace

const Command& EvaluateCommand() {
  static const Command command{
      "evaluate",
      "evaluate --input FILE --train-samples N [--events K --seed S --repeats N --kinds LIST] "
      "[--known-anomalies FILE] [--retrain-interval N] [--json] [model options]",
      "Trains on the first N samples, replays the rest causally, one sample at a time (the\n"
      "clean hops), then, for each kind of anomaly, injects K events at random places after\n"
      "the training part (--seed S seeds them and k-means) and scores each event alone,\n"
      "continuing the clean replay from just before it. Reports per kind: the ROC-AUC of the\n"
      "event windows ([start, end + L)) against clean windows of the same length, the share\n"
      "of events detected at one false alarm per 1000 clean hops and at the fixed threshold,\n"
      "and the share of clean hops at or above that threshold, for the instant and the\n"
      "smoothed score. Magnitudes are multiples of the training part's robust scale\n"
      "(1.4826 x MAD), so any units work. Stretches listed in --known-anomalies (real\n"
      "incidents already in the recording) are kept out of the clean windows, and events are\n"
      "kept away from them (left out where they cannot be). --repeats N averages N runs with\n"
      "seeds S..S+N-1. --retrain-interval N retrains during the clean replay as the daemon\n"
      "would; each event is scored by the model in use when it arrives.",
      Specs(),
      0,
      RunEvaluate};
  return command;
}

}  // namespace shapewatch::tool
