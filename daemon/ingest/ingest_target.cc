#include "daemon/ingest/ingest_target.h"

#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>

namespace shapewatch {

double SystemWallClock() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration<double>(since_epoch).count();
}

void LogIoError(const LogSink& log, const boost::system::error_code& ec, std::string_view what) {
  if (ec == boost::asio::error::operation_aborted || !log) return;
  std::string message(what);
  message += ": ";
  message += ec.message();
  log("warning", message);
}

}  // namespace shapewatch
