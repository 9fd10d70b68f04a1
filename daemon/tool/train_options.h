// The model options shared by `train` and `replay --train-samples`, and the
// training step itself with its printed summary.
#pragma once

#include <ostream>
#include <span>
#include <string_view>
#include <vector>

#include "core/model_trainer.h"
#include "daemon/tool/command_line.h"

namespace shapewatch::tool {

std::span<const OptionSpec> TrainOptionSpecs();

// Builds TrainOptions from the command line; UsageError for invalid values
// (including parameter combinations core rejects, such as a hop that does not
// divide the segment length).
TrainOptions TrainOptionsFrom(const CommandLine& line);

// Trains on `samples` and prints a summary; Error names `source`.
Result<Model> TrainAndReport(std::span<const double> samples, const TrainOptions& options,
                             std::string_view source, std::ostream& out);

}  // namespace shapewatch::tool
