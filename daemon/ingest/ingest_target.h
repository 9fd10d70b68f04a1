// IngestTarget: what the Graphite servers feed and report to, handed to
// their constructors. Every referenced object must outlive the servers;
// they are thread-safe, the callables are called on the io thread only.
#pragma once

#include <functional>
#include <string_view>

#include "daemon/ingest/ingest_metrics.h"
#include "daemon/ingest/sample_queue.h"
#include "daemon/ingest/series_directory.h"

namespace boost::system {
class error_code;
}

namespace shapewatch {

// Where ingest writes its log lines; the daemon owns the real logger.
// `level` is "debug", "info", "warning" or "error"; `message` is one line.
using LogSink = std::function<void(std::string_view level, std::string_view message)>;

// Seconds since the epoch: the timestamp of samples sent with "-1".
using WallClock = std::function<double()>;
double SystemWallClock();

struct IngestTarget {
  SeriesDirectory& series;
  SampleQueue& queue;
  IngestMetrics& metrics;
  LogSink log;
  WallClock now = SystemWallClock;
};

// The one failure path of the servers' handlers (Beast's fail(ec, what)):
// logs "<what>: <error text>" as a warning, except operation_aborted, which
// only means that the server is stopping.
void LogIoError(const LogSink& log, const boost::system::error_code& ec, std::string_view what);

}  // namespace shapewatch
