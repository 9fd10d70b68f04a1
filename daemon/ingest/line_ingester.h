// LineIngester: turns the Graphite lines of one protocol into
// IngestedSamples, counting each line as received, malformed (by reason) or
// refused (series cap), and logging the first problem of each source.
// One per server, used on its io thread only; not thread-safe itself (the
// directory, queue and metrics it feeds are).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/ingest/ingest_target.h"

namespace shapewatch {

// Where lines come from, for log messages: one per TCP connection, one per
// UDP socket. Only the first malformed line of a source is logged; the
// rest are counted.
struct LineSource {
  // e.g. "graphite tcp 127.0.0.1:51234"; called only when logging.
  std::function<std::string()> describe;
  bool malformed_logged = false;
};

class LineIngester {
 public:
  LineIngester(IngestProtocol protocol, IngestTarget target);

  // Appends the sample of `line` (without '\n') to `out`, or counts why not.
  // Blank lines are ignored without counting.
  void Ingest(std::string_view line, LineSource& source, std::vector<IngestedSample>& out);

  // A line longer than the maximum was skipped.
  void CountLineTooLong(LineSource& source, std::size_t max_line_length);

  const IngestTarget& target() const { return target_; }

 private:
  void CountMalformed(ParseError reason, const std::string& message, LineSource& source);
  void CountRefused(std::string_view name, const LineSource& source);
  void Log(std::string_view level, const std::string& message) const;

  const IngestProtocol protocol_;
  IngestTarget target_;
  prometheus::Counter& received_;
  bool series_limit_logged_ = false;
};

}  // namespace shapewatch
