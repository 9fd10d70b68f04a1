// RestartOnlyChanges: which changed settings a SIGHUP reload cannot apply.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "config/daemon_config.h"

namespace shapewatch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

DaemonConfig Parse(const std::string& yaml) {
  Result<DaemonConfig> config = ParseDaemonConfig(yaml, "test.yaml");
  EXPECT_TRUE(config.ok()) << config.error();
  return config.ok() ? *config : DaemonConfig{};
}

const char kAlerting[] =
    "alerting:\n"
    "  alertmanagers: [http://127.0.0.1:9093]\n"
    "  labels: {team: ops}\n"
    "  for: 30s\n";

TEST(RestartOnlyChanges, NothingWhenOnlyRulesAndGapsChange) {
  const DaemonConfig running = Parse(std::string(kAlerting) + "gap_factor: 10\n");
  const DaemonConfig next = Parse(std::string(kAlerting) +
                                  "gap_factor: 4\n"
                                  "series:\n  - match: \"cpu.*\"\n    threshold: 0.99\n");
  EXPECT_THAT(RestartOnlyChanges(running, next), IsEmpty());
  EXPECT_THAT(RestartOnlyChanges(running, running), IsEmpty());
}

TEST(RestartOnlyChanges, NamesEachChangedKeyOnceInSchemaOrder) {
  const DaemonConfig running = DefaultConfig();
  const DaemonConfig next = Parse(
      "listen:\n  graphite: 127.0.0.1:2103\n  graphite_udp: false\n  metrics: 127.0.0.1:9565\n"
      "state_dir: /var/lib/elsewhere\n"
      "limits:\n  queue_capacity: 1024\n  max_series: 10\n  max_line_length: 512\n" +
      std::string(kAlerting));
  // The graphite address is TCP and UDP at once, and listed once.
  EXPECT_THAT(RestartOnlyChanges(running, next),
              ElementsAre("listen.graphite", "listen.graphite_udp", "listen.metrics", "state_dir",
                          "limits.queue_capacity", "limits.max_series", "limits.max_line_length",
                          "alerting"));
}

TEST(RestartOnlyChanges, AlertingCountsWhenSwitchedOnOrOff) {
  const DaemonConfig on = Parse(kAlerting);
  EXPECT_THAT(RestartOnlyChanges(on, Parse("")), ElementsAre("alerting"));
  EXPECT_THAT(RestartOnlyChanges(Parse(""), on), ElementsAre("alerting"));
}

TEST(RestartOnlyChanges, TheAlertQueueIsSizedAtStartUp) {
  const DaemonConfig running = Parse(kAlerting);
  const DaemonConfig next = Parse(std::string(kAlerting) + "  queue_capacity: 16\n");
  EXPECT_THAT(RestartOnlyChanges(running, next), ElementsAre("alerting.queue_capacity"));
}

TEST(RestartOnlyChanges, OtherAlertingChangesApplyOnReload) {
  const DaemonConfig running = Parse(kAlerting);
  for (const char* changed : {
           "alerting:\n  alertmanagers: [http://127.0.0.1:9094]\n  labels: {team: ops}\n"
           "  for: 30s\n",
           "alerting:\n  alertmanagers: [http://127.0.0.1:9093]\n  labels: {team: web}\n"
           "  for: 30s\n",
           "alerting:\n  alertmanagers: [http://127.0.0.1:9093]\n  labels: {team: ops}\n"
           "  for: 1m\n",
           "alerting:\n  alertmanagers: [http://127.0.0.1:9093]\n  labels: {team: ops}\n"
           "  for: 30s\n  basic_auth: {username: u, password: p}\n",
       }) {
    EXPECT_THAT(RestartOnlyChanges(running, Parse(changed)), IsEmpty()) << changed;
  }
}

}  // namespace
}  // namespace shapewatch
