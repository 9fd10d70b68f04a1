// The shapewatch command line: picks the subcommand, handles --help and
// --version, and maps usage errors to exit status 2.
#pragma once

#include <ostream>
#include <span>
#include <string>

namespace shapewatch::tool {

// `args` excludes the program name. Returns the exit status.
int RunShapewatch(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace shapewatch::tool
