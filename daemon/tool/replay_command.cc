// shapewatch replay: score a recording sample by sample as the daemon would.
#include <memory>

#include "daemon/io/file_io.h"
#include "daemon/tool/command.h"
#include "daemon/tool/model_file.h"
#include "daemon/tool/recording_options.h"
#include "daemon/tool/replay_table.h"
#include "daemon/tool/train_options.h"

namespace shapewatch::tool {
namespace {

struct Plan {
  std::string input, output;
  std::optional<std::string> model_path;  // else train on the first train_samples
  std::size_t train_samples = 0;
  TrainOptions train;
  DetectorOptions detector;
};

Plan PlanFrom(const CommandLine& line) {
  Plan plan;
  plan.input = line.Require("input");
  plan.output = line.Require("output");
  plan.model_path = line.Get("model");
  if (plan.model_path.has_value() == line.Has("train-samples")) {
    throw UsageError("give exactly one of --model and --train-samples");
  }
  if (plan.model_path) {
    for (const OptionSpec& spec : TrainOptionSpecs()) {
      if (line.Has(spec.name)) {
        throw UsageError("--" + std::string(spec.name) + " applies only with --train-samples");
      }
    }
  }
  plan.train_samples = line.GetSize("train-samples", 0, 1);
  plan.train = TrainOptionsFrom(line);
  plan.detector.threshold = line.GetDouble("threshold", plan.detector.threshold);
  if (plan.detector.threshold < 0 || plan.detector.threshold > 1) {
    throw UsageError("--threshold: expected a number in [0, 1]");
  }
  return plan;
}

// The model to score with: loaded, or trained on the first samples.
Result<Model> ObtainModel(const Plan& plan, std::span<const double> samples, std::ostream& out) {
  if (plan.model_path) return LoadModelFile(*plan.model_path);
  if (plan.train_samples >= samples.size()) {
    return Error{plan.input + ": --train-samples " + std::to_string(plan.train_samples) +
                 " leaves nothing to score in " + std::to_string(samples.size()) + " samples"};
  }
  return TrainAndReport(samples.first(plan.train_samples), plan.train, plan.input, out);
}

std::string CheckScoredLength(const Plan& plan, std::size_t scored, const Model& model) {
  if (scored >= model.params.segment_len) return "";
  return plan.input + ": " + std::to_string(scored) +
         " samples to score, fewer than one segment (" + std::to_string(model.params.segment_len) +
         ")";
}

int Fail(std::ostream& err, const std::string& message) {
  err << "shapewatch replay: " << message << "\n";
  return kExitFailure;
}

int RunReplay(const CommandLine& line, std::ostream& out, std::ostream& err) {
  const Plan plan = PlanFrom(line);
  Result<std::vector<double>> samples = LoadRecording(line);
  if (!samples.ok()) return Fail(err, samples.error());
  Result<Model> model = ObtainModel(plan, *samples, out);
  if (!model.ok()) return Fail(err, model.error());
  const std::size_t scored_from = plan.model_path ? 0 : plan.train_samples;
  if (std::string bad = CheckScoredLength(plan, samples->size() - scored_from, *model);
      !bad.empty()) {
    return Fail(err, bad);
  }
  const ReplayTable table = Replay(*samples, scored_from,
                                   std::make_shared<const Model>(std::move(*model)), plan.detector);
  if (Status written = WriteFileAtomically(plan.output, ReplayToCsv(table)); !written.ok()) {
    return Fail(err, written.error());
  }
  PrintReplaySummary(table, plan.detector.threshold, out);
  out << "wrote " << plan.output << "\n";
  return kExitOk;
}

std::vector<OptionSpec> Specs() {
  std::vector<OptionSpec> specs(RecordingOptionSpecs().begin(), RecordingOptionSpecs().end());
  specs.push_back({"output", "OUT.csv", "where to write the per-sample table (required)"});
  specs.push_back({"model", "MODEL.json", "score with this model, from the first sample"});
  specs.push_back({"train-samples", "N", "or train on the first N samples, score the rest"});
  specs.push_back({"threshold", "T", "a hop is anomalous when its score >= T (default 0.999)"});
  specs.insert(specs.end(), TrainOptionSpecs().begin(), TrainOptionSpecs().end());
  return specs;
}

}  // namespace

const Command& ReplayCommand() {
  static const Command command{
      "replay",
      "replay --input FILE --output OUT.csv (--model MODEL.json | "
      "--train-samples N) [options]",
      "Pushes the recording sample by sample through the detector the daemon "
      "uses and\n"
      "writes OUT.csv: index,value,reconstruction,error,score,anomaly, one row "
      "per\n"
      "sample. reconstruction and error are the row's own (empty in the "
      "training part\n"
      "and where the sample is never fully covered); score and anomaly are "
      "what the\n"
      "daemon would export just after the row arrived (0 during training). The "
      "model\n"
      "options below apply with --train-samples.",
      Specs(),
      0,
      RunReplay};
  return command;
}

}  // namespace shapewatch::tool
