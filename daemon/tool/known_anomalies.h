// Known anomalies for `shapewatch evaluate`: stretches of a recording that
// already hold real anomalies (from an incident log or an annotation), kept
// out of the clean windows so that detecting them is not counted as a false
// alarm. The file is text, one stretch per line as "START END": 0-based
// sample indices of the input, END exclusive; '#' starts a comment, blank
// lines are skipped. Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "daemon/tool/event_scoring.h"

namespace shapewatch::tool {

// All or nothing: an error names `file_name`:line and what is wrong.
Result<std::vector<SampleRange>> ParseKnownAnomalies(std::string_view text,
                                                     std::string_view file_name);

}  // namespace shapewatch::tool
