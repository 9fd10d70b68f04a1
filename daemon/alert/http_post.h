// One HTTP/1.1 POST on its own connection (Boost.Beast): resolve, connect,
// write, read. Connect, write and read share one deadline; name resolution
// is the system resolver's (literal addresses resolve at once). Runs on the
// io_context's thread; the operation keeps itself alive until `done` runs.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <utility>  // before Asio: Boost 1.74 misses it under C++20

namespace shapewatch {

struct HttpPostRequest {
  std::string host;
  std::uint16_t port = 80;
  std::string target;  // "/api/v2/alerts"
  std::string body;
  std::string content_type = "application/json";
  std::string authorization;  // the header's value; empty: none
  std::chrono::milliseconds timeout{10000};
};

// `status` is the HTTP status when `ec` is empty.
using HttpDone = std::function<void(const boost::system::error_code& ec, unsigned status)>;

void StartHttpPost(boost::asio::io_context& io, HttpPostRequest request, HttpDone done);

// "Basic <base64(username:password)>"
std::string BasicAuthorization(const std::string& username, const std::string& password);

}  // namespace shapewatch
