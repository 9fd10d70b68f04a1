// shapewatch train: learn a model from a recording and save it as JSON.
#include <iterator>

#include "core/model_json.h"
#include "daemon/io/file_io.h"
#include "daemon/tool/command.h"
#include "daemon/tool/recording_options.h"
#include "daemon/tool/train_options.h"

namespace shapewatch::tool {
namespace {

int RunTrain(const CommandLine& line, std::ostream& out, std::ostream& err) {
  const std::string output = line.Require("output");
  const TrainOptions options = TrainOptionsFrom(line);
  Result<std::vector<double>> samples = LoadRecording(line);
  if (!samples.ok()) {
    err << "shapewatch train: " << samples.error() << "\n";
    return kExitFailure;
  }
  Result<Model> model = TrainAndReport(*samples, options, line.Require("input"), out);
  if (!model.ok()) {
    err << "shapewatch train: " << model.error() << "\n";
    return kExitFailure;
  }
  if (Status written = WriteFileAtomically(output, ModelToJson(*model)); !written.ok()) {
    err << "shapewatch train: " << written.error() << "\n";
    return kExitFailure;
  }
  out << "wrote " << output << "\n";
  return kExitOk;
}

std::vector<OptionSpec> Specs() {
  std::vector<OptionSpec> specs(RecordingOptionSpecs().begin(), RecordingOptionSpecs().end());
  specs.push_back({"output", "MODEL.json", "where to write the model (required)"});
  specs.insert(specs.end(), TrainOptionSpecs().begin(), TrainOptionSpecs().end());
  return specs;
}

}  // namespace

const Command& TrainCommand() {
  static const Command command{
      "train",
      "train --input FILE --output MODEL.json [options]",
      "Learns the normal shapes of a recording (k-means on windowed segments) "
      "and\n"
      "writes them, with the calibration of the reconstruction error, to "
      "MODEL.json\n"
      "(replaced atomically). Defaults are the blog's, except the Hann window,\n"
      "centring, the rms_max error, the training exclusion and the fine scale.",
      Specs(),
      0,
      RunTrain};
  return command;
}

}  // namespace shapewatch::tool
