// Whole-file reads and crash-safe whole-file writes. Errors name the path and
// carry the errno text. Thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace shapewatch {

// Reads the whole file. Error: "path: strerror".
Result<std::string> ReadFile(const std::string& path);

// Replaces `path` with `contents` so that a reader (or a crash) sees either
// the old file or the complete new one: writes a temporary file in the same
// directory, fsyncs it, renames it over `path` and fsyncs the directory. On
// failure the old file is untouched and no temporary file is left behind.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace shapewatch
