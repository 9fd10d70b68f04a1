// shapewatch push: stream a recording to a Graphite plaintext listener.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <thread>

#include "daemon/tool/command.h"
#include "daemon/tool/graphite_sender.h"
#include "daemon/tool/recording_options.h"

namespace shapewatch::tool {
namespace {

constexpr std::size_t kMaxSeriesName = 1200;   // keeps a line within one datagram
constexpr std::int64_t kUnpacedStepUs = 1000;  // timestamps 1 ms apart without --rate

struct PushPlan {
  HostPort to;
  bool udp = false;
  std::string series;
  std::optional<double> rate;  // samples per second; unpaced when absent
};

std::string CheckSeriesName(const std::string& name) {
  if (name.empty()) return "--series: the name is empty";
  if (name.size() > kMaxSeriesName) return "--series: the name is too long";
  for (unsigned char c : name) {
    if (c <= ' ' || c == 0x7f) return "--series: the name contains whitespace or controls";
  }
  return "";
}

PushPlan PlanFrom(const CommandLine& line) {
  PushPlan plan;
  plan.series = line.Require("series");
  if (std::string bad = CheckSeriesName(plan.series); !bad.empty()) throw UsageError(bad);
  const std::string to = line.Get("to").value_or("127.0.0.1:2003");
  std::optional<HostPort> address = ParseHostPort(to);
  if (!address) throw UsageError("--to: expected HOST:PORT or [IPV6]:PORT, got '" + to + "'");
  plan.to = *address;
  plan.udp = line.Has("udp");
  if (line.Has("rate")) plan.rate = line.GetDouble("rate", 0, /*positive=*/true);
  return plan;
}

// "NAME VALUE SECONDS.MICROS\n", the value in shortest round-trip form.
void AppendLine(const std::string& series, double value, std::int64_t micros, std::string& out) {
  char buffer[64];
  out += series;
  out += ' ';
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
  out += ' ';
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, micros / 1000000).ptr);
  const auto fraction = std::to_string(1000000 + micros % 1000000);
  out += '.';
  out.append(fraction, 1, 6);
  out += '\n';
}

class Schedule {
 public:
  explicit Schedule(std::optional<double> rate) : rate_(rate) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    t0_us_ = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  }
  std::int64_t TimestampUs(std::size_t i) const {
    if (!rate_) return t0_us_ + static_cast<std::int64_t>(i) * kUnpacedStepUs;
    return t0_us_ + std::llround(static_cast<double>(i) * 1e6 / *rate_);
  }
  // Samples per batch: 10 ms worth when paced.
  std::size_t BatchSamples() const {
    if (!rate_) return SIZE_MAX;
    return std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(*rate_ / 100)));
  }
  // Sleeps until sample i is due.
  void WaitFor(std::size_t i) const {
    if (!rate_) return;
    std::this_thread::sleep_until(start_ + std::chrono::duration<double>(i / *rate_));
  }

 private:
  std::optional<double> rate_;
  std::int64_t t0_us_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Sends every sample; returns the bytes sent or the first error.
Result<std::size_t> SendAll(std::span<const double> samples, const PushPlan& plan,
                            GraphiteSender& sender) {
  const Schedule schedule(plan.rate);
  const std::size_t max_bytes =
      plan.udp ? GraphiteSender::kMaxUdpDatagram : GraphiteSender::kMaxTcpBatch;
  std::string batch, line;
  std::size_t in_batch = 0, bytes = 0;
  for (std::size_t i = 0; i <= samples.size(); ++i) {
    line.clear();
    if (i < samples.size()) AppendLine(plan.series, samples[i], schedule.TimestampUs(i), line);
    const bool full = batch.size() + line.size() > max_bytes ||
                      in_batch == schedule.BatchSamples() || i == samples.size();
    if (full && !batch.empty()) {
      schedule.WaitFor(i - 1);
      if (Status sent = sender.Send(batch); !sent.ok()) return Error{sent.error()};
      bytes += batch.size();
      batch.clear();
      in_batch = 0;
    }
    batch += line;
    ++in_batch;
  }
  return bytes;
}

int RunPush(const CommandLine& line, std::ostream& out, std::ostream& err) {
  const PushPlan plan = PlanFrom(line);
  Result<std::vector<double>> samples = LoadRecording(line);
  Result<std::unique_ptr<GraphiteSender>> sender =
      samples.ok() ? GraphiteSender::Connect(plan.to, plan.udp) : Error{samples.error()};
  if (!sender.ok()) {
    err << "shapewatch push: " << sender.error() << "\n";
    return kExitFailure;
  }
  const auto start = std::chrono::steady_clock::now();
  Result<std::size_t> bytes = SendAll(*samples, plan, **sender);
  Status finished = bytes.ok() ? (*sender)->Finish() : Status::Fail(bytes.error());
  if (!finished.ok()) {
    err << "shapewatch push: " << finished.error() << "\n";
    return kExitFailure;
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  out << "sent " << samples->size() << " lines (" << *bytes << " bytes) of " << plan.series
      << " to " << plan.to.ToString() << " over " << (plan.udp ? "udp" : "tcp") << " in "
      << took.count() << " s\n";
  return kExitOk;
}

std::vector<OptionSpec> Specs() {
  std::vector<OptionSpec> specs(RecordingOptionSpecs().begin(), RecordingOptionSpecs().end());
  specs.push_back({"series", "NAME", "the Graphite path to send the samples as (required)"});
  specs.push_back({"rate", "SAMPLES_PER_S", "pace the samples at this rate (default: unpaced)"});
  specs.push_back({"udp", "", "send UDP datagrams (of whole lines, <= 1400 bytes), not TCP"});
  specs.push_back({"to", "HOST:PORT", "where to send (default 127.0.0.1:2003; [::1]:2003)"});
  return specs;
}

}  // namespace

const Command& PushCommand() {
  static const Command command{
      "push",
      "push --input FILE --series NAME [--rate SAMPLES_PER_S] [--udp] [--to "
      "HOST:PORT]",
      "Streams a recording to a Graphite plaintext listener such as "
      "shapewatchd, one\n"
      "line 'NAME VALUE TIMESTAMP' per sample. Timestamps start at the current "
      "time and\n"
      "step by 1/rate seconds with --rate (and the samples are sent at that "
      "pace), or by\n"
      "1 ms without it (sent as fast as possible), so they never decrease.",
      Specs(),
      0,
      RunPush};
  return command;
}

}  // namespace shapewatch::tool
