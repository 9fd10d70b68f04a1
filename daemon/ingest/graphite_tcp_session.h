// GraphiteTcpSession: one Graphite TCP connection. Reads into a fixed
// buffer, splits lines, parses them and pushes the samples of each read to
// the SampleQueue. What the queue cannot take stays pending and reading
// stops (back-pressure) until the host calls Resume(); nothing is dropped.
// Created and owned by GraphiteTcpServer (shared with its own in-flight
// handlers); all members run on the server's io thread only.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "daemon/ingest/line_ingester.h"
#include "daemon/ingest/line_splitter.h"

namespace shapewatch {

class GraphiteTcpSession;

// What a session needs from the server that owns it.
class TcpSessionHost {
 public:
  // The queue was full; call session->Resume() once it has room.
  virtual void Pause(std::shared_ptr<GraphiteTcpSession> session) = 0;
  // The session closed its socket and will do nothing more.
  virtual void Closed(GraphiteTcpSession* session) = 0;

 protected:
  ~TcpSessionHost() = default;
};

class GraphiteTcpSession : public std::enable_shared_from_this<GraphiteTcpSession> {
 public:
  GraphiteTcpSession(boost::asio::ip::tcp::socket socket, TcpSessionHost& host,
                     LineIngester& ingester, std::size_t max_line_length);

  void Start();   // begins reading
  void Resume();  // retries pending samples after a Pause
  // Stops reading; pending samples still go to the queue, then it closes.
  // Bytes already read are parsed; an unterminated last line is discarded.
  void Stop();

 private:
  void Read();
  void OnRead(const boost::system::error_code& ec, std::size_t bytes);
  void Parse(std::size_t bytes);
  void Flush();
  void Close();
  void Log(std::string_view level, std::string_view what) const;

  boost::asio::ip::tcp::socket socket_;
  TcpSessionHost& host_;
  LineIngester& ingester_;
  const std::size_t max_line_length_;
  LineSource source_;
  LineSplitter splitter_;
  std::vector<char> buffer_;
  std::vector<IngestedSample> pending_;  // parsed, not yet queued
  std::size_t pending_done_ = 0;         // how many of pending_ are queued
  bool reading_ = false;                 // a read is in flight
  bool paused_ = false;                  // waiting for Resume()
  bool finishing_ = false;               // no more reads: close once flushed
  bool closed_ = false;
};

}  // namespace shapewatch
