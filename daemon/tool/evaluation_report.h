// Printing an EvaluationReport: an aligned text table for people, or JSON
// for machines (one object; "kinds" holds one entry per anomaly kind with
// its "instant" and "smoothed" results).
#pragma once

#include <ostream>
#include <string>

#include "daemon/tool/evaluation.h"

namespace shapewatch::tool {

void PrintEvaluationText(const EvaluationReport& report, const EvaluationPlan& plan,
                         std::ostream& out);
std::string EvaluationToJson(const EvaluationReport& report, const EvaluationPlan& plan);

}  // namespace shapewatch::tool
