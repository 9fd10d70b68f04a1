// IngestTestBed: the objects the Graphite servers feed (queue, series
// directory, metrics, captured log, fixed clock) and an io_context running
// on its own thread, plus blocking loopback clients, for the server tests.
#pragma once

#include <prometheus/registry.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "daemon/ingest/ingest_metrics.h"
#include "daemon/ingest/ingest_target.h"
#include "daemon/ingest/sample_queue.h"
#include "daemon/ingest/series_directory.h"

namespace shapewatch::testing {

inline constexpr double kFixedNow = 1234.5;
inline constexpr auto kDeadline = std::chrono::seconds(30);
inline constexpr auto kPollInterval = std::chrono::microseconds(100);

class IngestTestBed {
 public:
  explicit IngestTestBed(std::size_t queue_capacity = 1 << 16, std::size_t max_series = 1000)
      : queue(queue_capacity), series(max_series) {}
  ~IngestTestBed() { StopIo(); }

  IngestTarget Target() {
    return IngestTarget{series, queue, metrics,
                        [this](std::string_view level, std::string_view message) {
                          std::lock_guard lock(log_mutex_);
                          log_.push_back(std::string(level) + ": " + std::string(message));
                        },
                        [] { return kFixedNow; }};
  }

  void StartIo() {
    thread_ = std::thread([this] { io.run(); });
  }
  void StopIo() {
    work_.reset();
    if (thread_.joinable()) thread_.join();
  }

  // Runs `f` on the io thread and waits for it.
  void RunOnIo(std::function<void()> f) {
    std::promise<void> done;
    boost::asio::post(io, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  // Pops until `count` samples arrived or the deadline passed.
  std::vector<IngestedSample> Collect(std::size_t count) {
    std::vector<IngestedSample> all;
    std::vector<IngestedSample> batch;
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (all.size() < count && std::chrono::steady_clock::now() < deadline) {
      if (queue.TryPopBatch(batch, 4096)) {
        all.insert(all.end(), batch.begin(), batch.end());
      } else {
        std::this_thread::sleep_for(kPollInterval);  // polling a condition, not syncing
      }
    }
    return all;
  }

  // Polls `condition` until it holds or the deadline passes.
  static bool WaitFor(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (!condition()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(kPollInterval);
    }
    return true;
  }

  // Captured log lines "level: message", of one level if given.
  std::vector<std::string> Log(std::string_view level = "") {
    std::lock_guard lock(log_mutex_);
    std::vector<std::string> out;
    for (const auto& line : log_) {
      if (line.starts_with(std::string(level))) out.push_back(line);
    }
    return out;
  }

  prometheus::Registry registry;
  IngestMetrics metrics{registry};
  SampleQueue queue;
  SeriesDirectory series;
  boost::asio::io_context io;

 private:
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      boost::asio::make_work_guard(io)};
  std::thread thread_;
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

// A blocking TCP client on its own io_context.
class TcpClient {
 public:
  explicit TcpClient(const boost::asio::ip::tcp::endpoint& server) : socket_(io_) {
    socket_.connect(server);
    socket_.set_option(boost::asio::ip::tcp::no_delay(true));
  }
  void Send(std::string_view bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }
  void CloseSend() { socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send); }
  // Blocks until the server closes the connection; true on a clean EOF.
  bool WaitForEof() {
    char byte;
    boost::system::error_code ec;
    socket_.read_some(boost::asio::buffer(&byte, 1), ec);
    return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
  }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
};

inline void SendDatagram(const boost::asio::ip::udp::endpoint& server, std::string_view bytes) {
  boost::asio::io_context io;
  boost::asio::ip::udp::socket socket(io, server.protocol());
  socket.send_to(boost::asio::buffer(bytes), server);
}

// "name <i> <i>\n" for i in [first, first + count).
inline std::string Lines(std::string_view name, int first, int count) {
  std::string out;
  for (int i = first; i < first + count; ++i) {
    out += std::string(name) + " " + std::to_string(i) + " " + std::to_string(i) + "\n";
  }
  return out;
}

}  // namespace shapewatch::testing
