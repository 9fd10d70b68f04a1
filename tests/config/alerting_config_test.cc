// The `alerting:` section: URLs, durations, labels, basic auth, and errors
// that name file:line:col.
#include "config/alerting_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/daemon_config.h"
#include "config_test_util.h"

namespace shapewatch {
namespace {

using std::chrono::milliseconds;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(AlertingConfig, OffByDefault) {
  EXPECT_FALSE(DefaultConfig().alerting.enabled());
  EXPECT_FALSE(ParseDaemonConfig("alerting:\n", kTestFile)->alerting.enabled());
}

TEST(AlertingConfig, ReadsEverySetting) {
  Result<DaemonConfig> c = ParseDaemonConfig(R"(
alerting:
  alertmanagers: ["http://127.0.0.1:9093", "http://am.example:80/prefix/"]
  labels: {team: ops, env: prod}
  basic_auth: {username: u, password: p}
  for: 1m30s
  recovery: 2m
  resend_interval: 45
  queue_capacity: 10
  timeout: 500ms
)",
                                             kTestFile);
  ASSERT_TRUE(c.ok()) << c.error();
  const AlertingConfig& a = c->alerting;
  ASSERT_EQ(a.alertmanagers.size(), 2u);
  EXPECT_EQ(a.alertmanagers[0].ToString(), "http://127.0.0.1:9093");
  EXPECT_EQ(a.alertmanagers[1].host, "am.example");
  EXPECT_EQ(a.alertmanagers[1].path, "/prefix");
  EXPECT_EQ(a.labels.at("team"), "ops");
  EXPECT_EQ(a.username, "u");
  EXPECT_EQ(a.password, "p");
  EXPECT_EQ(a.for_duration, milliseconds(90000));
  EXPECT_EQ(a.recovery, milliseconds(120000));
  EXPECT_EQ(a.resend_interval, milliseconds(45000));
  EXPECT_EQ(a.queue_capacity, 10u);
  EXPECT_EQ(a.timeout, milliseconds(500));
}

TEST(AlertingConfig, DurationForms) {
  EXPECT_EQ(*ParseDuration("30s"), milliseconds(30000));
  EXPECT_EQ(*ParseDuration("1.5"), milliseconds(1500));
  EXPECT_EQ(*ParseDuration("1h30m"), milliseconds(5400000));
  EXPECT_EQ(*ParseDuration("250ms"), milliseconds(250));
  EXPECT_EQ(*ParseDuration("0"), milliseconds(0));
  for (const char* bad : {"", "s", "10x", "-1s", "1e3s", "inf", "5 s"}) {
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  }
  EXPECT_THAT(ParseDuration("9999d").error(), HasSubstr("too long"));
}

TEST(AlertingConfig, UrlForms) {
  EXPECT_EQ(ParseHttpUrl("http://[::1]:9093")->host, "::1");
  EXPECT_EQ(ParseHttpUrl("http://[::1]:9093")->ToString(), "http://[::1]:9093");
  EXPECT_EQ(ParseHttpUrl("http://am")->port, 80);
  EXPECT_THAT(ParseHttpUrl("https://am:9093").error(), HasSubstr("https is not supported"));
  for (const char* bad : {"am:9093", "http://:9093", "http://am:0", "http://am:x", "http://u:p@am",
                          "http://am/?q", "http://[::1"}) {
    EXPECT_FALSE(ParseHttpUrl(bad).ok()) << bad;
  }
}

TEST(AlertingConfig, BadDurationNamesItsPosition) {
  EXPECT_EQ(ParseError("alerting:\n  for: 3 minutes\n"),
            "test.yaml:2:8: alerting.for: expected a duration like 30s, 5m, 250ms or 1h30m, "
            "got '3 minutes'");
  EXPECT_THAT(ParseError("alerting:\n  resend_interval: 0s\n"),
              StartsWith("test.yaml:2:20: alerting.resend_interval: must be at least 1ms"));
}

TEST(AlertingConfig, BadUrlNamesItsPositionAndIndex) {
  EXPECT_THAT(ParseError("alerting:\n  alertmanagers:\n    - http://a:1\n    - https://b\n"),
              StartsWith("test.yaml:4:7: alerting.alertmanagers[1]: https is not supported"));
  EXPECT_THAT(ParseError("alerting:\n  alertmanagers: http://a:1\n"),
              StartsWith("test.yaml:2:18: alerting.alertmanagers: expected a list"));
}

TEST(AlertingConfig, BadLabels) {
  EXPECT_THAT(ParseError("alerting:\n  labels:\n    1bad: x\n"),
              StartsWith("test.yaml:3:5: alerting.labels.1bad: invalid label name"));
  EXPECT_THAT(ParseError("alerting:\n  labels:\n    series: x\n"), HasSubstr("set by shapewatch"));
  EXPECT_THAT(ParseError("alerting:\n  labels:\n    a: \"\"\n"), HasSubstr("empty label value"));
}

TEST(AlertingConfig, UnknownKeyAndMissingUsername) {
  EXPECT_EQ(ParseError("alerting:\n  resend: 1s\n"),
            "test.yaml:2:3: unknown key 'resend' in alerting (expected one of: alertmanagers, "
            "labels, basic_auth, for, recovery, resend_interval, queue_capacity, timeout)");
  EXPECT_THAT(ParseError("alerting:\n  basic_auth: {password: p}\n"),
              AllOf(StartsWith("test.yaml:2:"), HasSubstr("needs a username")));
}

}  // namespace
}  // namespace shapewatch
