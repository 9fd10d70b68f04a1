// A metrics client nobody here wrote: a real collectd pushes its own system
// metrics to shapewatchd with write_graphite over TCP, and they show up in
// /metrics like any other series.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <regex>
#include <string>

#include "tests/integration/support/child_process.h"
#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {
using namespace std::chrono_literals;

const char kCollectd[] = "/usr/sbin/collectd";

// collectd in the foreground, reading /proc once a second, logging to
// stderr, writing Graphite lines "collectd.swtest.<plugin>.<type>..." to the
// daemon's TCP port.
std::string CollectdConfig(const TempDir& dir, int graphite_port) {
  return "Hostname \"swtest\"\n"
         "FQDNLookup false\n"
         "Interval 1\n"
         "BaseDir \"" +
         dir.path() +
         "\"\n"
         "PIDFile \"" +
         dir.File("collectd.pid") +
         "\"\n"
         "PluginDir \"/usr/lib/collectd\"\n"
         "TypesDB \"/usr/share/collectd/types.db\"\n"
         "AutoLoadPlugin false\n"
         "LoadPlugin logfile\n"
         "<Plugin logfile>\n"
         "  LogLevel info\n"
         "  File stderr\n"
         "  Timestamp false\n"
         "</Plugin>\n"
         "LoadPlugin cpu\n"
         "LoadPlugin load\n"
         "LoadPlugin memory\n"
         "<LoadPlugin write_graphite>\n"
         "  FlushInterval 1\n"
         "</LoadPlugin>\n"
         "<Plugin write_graphite>\n"
         "  <Node \"shapewatch\">\n"
         "    Host \"127.0.0.1\"\n"
         "    Port \"" +
         std::to_string(graphite_port) +
         "\"\n"
         "    Protocol \"tcp\"\n"
         "    Prefix \"collectd.\"\n"
         "    EscapeCharacter \"_\"\n"
         "    StoreRates true\n"
         "  </Node>\n"
         "</Plugin>\n";
}

// Whether some `shapewatch_series_samples_total` whose series matches
// `series` has counted samples.
bool HasSamples(const std::map<std::string, double>& metrics, const std::string& series) {
  const std::regex key("shapewatch_series_samples_total\\{series=\"" + series + "\"\\}");
  for (const auto& [name, value] : metrics) {
    if (value > 0 && std::regex_match(name, key)) return true;
  }
  return false;
}

TEST(Collectd, WriteGraphiteSeriesAppearInMetrics) {
  if (access(kCollectd, X_OK) != 0) {
    GTEST_SKIP() << kCollectd << " not found: install the Debian package collectd-core "
                 << "(scripts/install-deps.sh does) to run this test";
  }
  TempDir dir;
  DaemonUnderTest daemon(dir, "");  // built-in default: learn every series
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  dir.Write("collectd.conf", CollectdConfig(dir, daemon.graphite_port()));
  ChildProcess collectd({kCollectd, "-f", "-C", dir.File("collectd.conf")});
  ASSERT_TRUE(collectd.started());

  std::map<std::string, double> metrics;
  const bool arrived = Eventually(
      [&] {
        metrics = daemon.Scrape();
        return HasSamples(metrics, "collectd\\.swtest\\.load\\.load\\.shortterm") &&
               HasSamples(metrics, "collectd\\.swtest\\.memory\\.memory-used");
      },
      60s, 200ms);
  EXPECT_TRUE(arrived) << "collectd:\n"
                       << collectd.Output() << "shapewatchd:\n"
                       << daemon.process().Output() << "metrics:\n"
                       << daemon.ScrapeText();
  EXPECT_GE(Metric(metrics, "shapewatch_samples_received_total{protocol=\"tcp\"}").value_or(0), 2);
  // Every line collectd wrote was understood, except that collectd writes
  // "nan" for a value it cannot compute yet (e.g. a rate on its first
  // reading); those are refused as non_finite, by design.
  for (const auto& [name, value] : metrics) {
    if (name.rfind("shapewatch_ingest_errors_total{", 0) == 0 &&
        name.find("non_finite") == std::string::npos) {
      EXPECT_EQ(value, 0) << name;
    }
  }
  collectd.Signal(SIGTERM);
  EXPECT_TRUE(collectd.WaitExit(30s)) << collectd.Output();
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace shapewatch::testing
