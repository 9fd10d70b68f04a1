// The sender against a tiny HTTP server on loopback that records POSTs and
// can answer errors: JSON to /api/v2/alerts, retries with backoff, 4xx not
// retried, the latest state after an outage, an unreachable port.
#include "daemon/alert/alertmanager_sender.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace shapewatch {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;
using namespace std::chrono_literals;

struct Request {
  std::string target, content_type, authorization;
  nlohmann::json body;
};

// Answers each POST with the next queued status (200 when none), one
// request per connection, on its own thread.
class FakeAlertmanager {
 public:
  FakeAlertmanager() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    Accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~FakeAlertmanager() {
    io_.stop();
    thread_.join();
  }
  int port() const { return acceptor_.local_endpoint().port(); }
  void AnswerNext(std::initializer_list<unsigned> statuses) {
    std::lock_guard lock(mutex_);
    statuses_.insert(statuses_.end(), statuses);
  }
  std::vector<Request> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void Accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (!ec) Serve(socket);
      Accept();
    });
  }
  void Serve(tcp::socket& socket) {
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> req;
    boost::system::error_code ec;
    http::read(socket, buffer, req, ec);
    if (ec) return;
    http::response<http::string_body> res{http::status::ok, 11};
    {
      std::lock_guard lock(mutex_);
      requests_.push_back({std::string(req.target()), std::string(req[http::field::content_type]),
                           std::string(req[http::field::authorization]),
                           nlohmann::json::parse(req.body(), nullptr, false)});
      if (!statuses_.empty()) res.result(statuses_.front()), statuses_.pop_front();
    }
    res.prepare_payload();
    http::write(socket, res, ec);
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::deque<unsigned> statuses_;  // GUARDED_BY(mutex_)
  std::vector<Request> requests_;  // GUARDED_BY(mutex_)
};

bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

Alert MakeAlert(const std::string& series, bool resolved = false) {
  Alert a;
  a.key = series;
  a.labels = {{"alertname", "ShapewatchAnomaly"}, {"series", series}};
  a.resolved = resolved;
  a.ends_at = resolved ? AlertTime(std::chrono::seconds(1)) : AlertTime(std::chrono::hours(1));
  return a;
}

// The sender on an io_context run by a thread of the test.
class SenderTest : public ::testing::Test {
 protected:
  static AlertingConfig Config(const std::vector<int>& ports, std::size_t capacity = 100) {
    AlertingConfig config;
    for (int port : ports)
      config.alertmanagers.push_back(HttpUrl{"127.0.0.1", static_cast<std::uint16_t>(port), "/am"});
    config.username = "user";
    config.password = "pw";
    config.resend_interval = 1s;  // caps the backoff
    config.timeout = 2s;
    config.queue_capacity = capacity;
    return config;
  }
  void Start(std::vector<int> ports, std::size_t capacity = 100) {
    sender_ = std::make_unique<AlertmanagerSender>(io_, Config(ports, capacity), metrics_,
                                                   [](std::string_view, std::string_view) {});
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    if (!sender_) return;
    sender_->Stop();
    guard_.reset();
    thread_.join();
  }
  AlertQueue& queue() { return sender_->queue(); }

  prometheus::Registry registry_;
  AlertMetrics metrics_{registry_};
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(io_);
  std::unique_ptr<AlertmanagerSender> sender_;
  std::thread thread_;
};

TEST_F(SenderTest, PostsJsonToTheV2ApiWithBasicAuth) {
  FakeAlertmanager am;
  Start({am.port()});
  queue().Push(MakeAlert("cpu"));
  ASSERT_TRUE(WaitUntil([&] { return metrics_.sent_ok.Value() == 1; }));
  std::vector<Request> got = am.requests();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].target, "/am/api/v2/alerts");
  EXPECT_EQ(got[0].content_type, "application/json");
  EXPECT_EQ(got[0].authorization, "Basic dXNlcjpwdw==");
  ASSERT_TRUE(got[0].body.is_array());
  EXPECT_EQ(got[0].body[0]["labels"]["series"], "cpu");
}

TEST_F(SenderTest, RetriesServerErrorsWithBackoffThenDelivers) {
  FakeAlertmanager am;
  am.AnswerNext({503, 503});
  Start({am.port()});
  queue().Push(MakeAlert("cpu"));
  ASSERT_TRUE(WaitUntil([&] { return metrics_.sent_ok.Value() == 1; }));
  EXPECT_EQ(metrics_.send_failures.Value(), 2);
  EXPECT_EQ(am.requests().size(), 3u);
}

TEST_F(SenderTest, ClientErrorsAreCountedNotRetried) {
  FakeAlertmanager am;
  am.AnswerNext({400});
  Start({am.port()});
  queue().Push(MakeAlert("cpu"));
  ASSERT_TRUE(WaitUntil([&] { return metrics_.sent_rejected.Value() == 1; }));
  queue().Push(MakeAlert("mem"));
  ASSERT_TRUE(WaitUntil([&] { return metrics_.sent_ok.Value() == 1; }));
  EXPECT_EQ(am.requests().size(), 2u);
  EXPECT_EQ(metrics_.send_failures.Value(), 0);
}

TEST_F(SenderTest, DeliversTheLatestStateAfterAnOutage) {
  FakeAlertmanager am;
  am.AnswerNext({503});
  Start({am.port()});
  queue().Push(MakeAlert("cpu"));
  ASSERT_TRUE(WaitUntil([&] { return metrics_.send_failures.Value() == 1; }));
  queue().Push(MakeAlert("cpu", true));  // resolved while the Alertmanager was down
  ASSERT_TRUE(WaitUntil([&] { return metrics_.sent_ok.Value() >= 1; }));
  const Request last = am.requests().back();
  ASSERT_EQ(last.body.size(), 1u);
  EXPECT_EQ(last.body[0]["endsAt"], "1970-01-01T00:00:01.000Z");  // the resolved one
  EXPECT_EQ(metrics_.sent_ok.Value(), 1);
}

TEST_F(SenderTest, SendsToEveryAlertmanager) {
  FakeAlertmanager a, b;
  Start({a.port(), b.port()});
  queue().Push(MakeAlert("cpu"));
  ASSERT_TRUE(WaitUntil([&] { return metrics_.sent_ok.Value() == 2; }));
  EXPECT_EQ(a.requests().size(), 1u);
  EXPECT_EQ(b.requests().size(), 1u);
}

std::vector<std::string> SeriesSent(const FakeAlertmanager& am) {
  std::vector<std::string> series;
  for (const Request& r : am.requests()) {
    for (const auto& alert : r.body) series.push_back(alert["labels"]["series"]);
  }
  return series;
}

TEST_F(SenderTest, ReconfigureHandsWhatIsQueuedToTheOldAlertmanagersAndTheRestToTheNew) {
  FakeAlertmanager old_am, new_am;
  Start({old_am.port()});
  asio::post(io_, [&] {
    queue().Push(MakeAlert("before"));
    sender_->Reconfigure(Config({new_am.port()}));
    queue().Push(MakeAlert("after"));
  });
  ASSERT_TRUE(WaitUntil([&] { return metrics_.sent_ok.Value() == 2; }));
  EXPECT_EQ(SeriesSent(old_am), std::vector<std::string>{"before"});
  EXPECT_EQ(SeriesSent(new_am), std::vector<std::string>{"after"});
  EXPECT_EQ(new_am.requests().at(0).target, "/am/api/v2/alerts");
}

// A reload during an outage: the Alertmanager that stays keeps retrying
// what it has pending (a stopped client would have had one last try).
TEST_F(SenderTest, ReconfigureKeepsAnUnchangedAlertmanagerAndItsRetries) {
  FakeAlertmanager am;
  am.AnswerNext({503, 503});
  Start({am.port()});
  queue().Push(MakeAlert("cpu", true));
  ASSERT_TRUE(WaitUntil([&] { return metrics_.send_failures.Value() >= 1; }));
  asio::post(io_, [&] { sender_->Reconfigure(Config({am.port()})); });
  ASSERT_TRUE(WaitUntil([&] { return metrics_.sent_ok.Value() == 1; }));
  EXPECT_EQ(am.requests().size(), 3u);
  EXPECT_EQ(SeriesSent(am), (std::vector<std::string>{"cpu", "cpu", "cpu"}));
}

TEST_F(SenderTest, UnreachablePortCountsFailuresAndPushNeverBlocks) {
  int port = 0;
  {
    asio::io_context io;
    tcp::acceptor probe(io, {asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }  // closed: connections are refused
  Start({port}, 10);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) queue().Push(MakeAlert(std::to_string(i)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  ASSERT_TRUE(WaitUntil([&] { return metrics_.send_failures.Value() >= 2; }));
  ASSERT_TRUE(WaitUntil([&] { return metrics_.dropped.Value() == 990; }));
  EXPECT_EQ(metrics_.sent_ok.Value(), 0);
}

}  // namespace
}  // namespace shapewatch
