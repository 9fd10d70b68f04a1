#include "daemon/alert/http_post.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>

#include "daemon/service/blocked_signals.h"

namespace shapewatch {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

class HttpPost : public std::enable_shared_from_this<HttpPost> {
 public:
  HttpPost(asio::io_context& io, HttpPostRequest request, HttpDone done)
      : resolver_(io), stream_(io), request_(std::move(request)), done_(std::move(done)) {}

  void Start() {
    // Asio starts its resolver thread on the first async_resolve, with this
    // thread's mask: it must not take the daemon's stop and reload signals.
    const BlockedSignals not_for_the_resolver = BlockedSignals::StopAndReload();
    resolver_.async_resolve(
        request_.host, std::to_string(request_.port),
        [self = shared_from_this()](error_code ec, tcp::resolver::results_type r) {
          self->OnResolve(ec, r);
        });
  }

 private:
  void OnResolve(error_code ec, const tcp::resolver::results_type& results) {
    if (ec) return Finish(ec);
    stream_.expires_after(request_.timeout);
    stream_.async_connect(
        results,
        [self = shared_from_this()](error_code ec, const tcp::endpoint&) { self->OnConnect(ec); });
  }

  void OnConnect(error_code ec) {
    if (ec) return Finish(ec);
    message_ = {http::verb::post, request_.target, 11};
    message_.set(http::field::host, request_.host + ":" + std::to_string(request_.port));
    message_.set(http::field::user_agent, "shapewatch");
    message_.set(http::field::content_type, request_.content_type);
    if (!request_.authorization.empty()) {
      message_.set(http::field::authorization, request_.authorization);
    }
    message_.body() = std::move(request_.body);
    message_.prepare_payload();
    http::async_write(stream_, message_, [self = shared_from_this()](error_code ec, std::size_t) {
      self->OnWrite(ec);
    });
  }

  void OnWrite(error_code ec) {
    if (ec) return Finish(ec);
    http::async_read(stream_, buffer_, response_,
                     [self = shared_from_this()](error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(error_code ec) {
    if (ec) return Finish(ec);
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    Finish({}, response_.result_int());
  }

  void Finish(error_code ec, unsigned status = 0) {
    stream_.close();
    done_(ec, status);
  }

  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  HttpPostRequest request_;
  HttpDone done_;
  http::request<http::string_body> message_;
  beast::flat_buffer buffer_;
  http::response<http::string_body> response_;
};

}  // namespace

void StartHttpPost(asio::io_context& io, HttpPostRequest request, HttpDone done) {
  std::make_shared<HttpPost>(io, std::move(request), std::move(done))->Start();
}

std::string BasicAuthorization(const std::string& username, const std::string& password) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string in = username + ":" + password;
  std::string out = "Basic ";
  for (std::size_t i = 0; i < in.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

}  // namespace shapewatch
