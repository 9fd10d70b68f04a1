// The v2 API body and the basic auth header.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/alert/alert.h"
#include "daemon/alert/alert_metrics.h"
#include "daemon/alert/alert_queue.h"
#include "daemon/alert/http_post.h"

namespace shapewatch {
namespace {

using std::chrono::milliseconds;

TEST(AlertJson, FormatsTimesAsRfc3339Utc) {
  EXPECT_EQ(FormatRfc3339(AlertTime(milliseconds(1'700'000'000'250))), "2023-11-14T22:13:20.250Z");
}

TEST(AlertJson, WritesTheV2ApiShape) {
  Alert a;
  a.labels = {{"alertname", "ShapewatchAnomaly"}, {"series", "a\"b"}};
  a.annotations = {{"summary", "s"}};
  a.starts_at = AlertTime(milliseconds(0));
  a.ends_at = AlertTime(milliseconds(1000));
  const auto body = nlohmann::json::parse(AlertsToJson(std::span<const Alert>(&a, 1)));
  ASSERT_TRUE(body.is_array());
  EXPECT_EQ(body[0]["labels"]["series"], "a\"b");
  EXPECT_EQ(body[0]["annotations"]["summary"], "s");
  EXPECT_EQ(body[0]["startsAt"], "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(body[0]["endsAt"], "1970-01-01T00:00:01.000Z");
}

TEST(AlertJson, BasicAuthorizationIsBase64) {
  EXPECT_EQ(BasicAuthorization("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  EXPECT_EQ(BasicAuthorization("a", ""), "Basic YTo=");
}

TEST(AlertQueue, DropsTheOldestWhenFullAndCounts) {
  prometheus::Registry registry;
  AlertMetrics metrics(registry);
  int pushes = 0;
  AlertQueue queue(2, metrics, [&pushes] { ++pushes; });
  for (const char* key : {"a", "b", "c"}) queue.Push(Alert{key, {}, {}, {}, {}, false});
  EXPECT_EQ(pushes, 3);
  EXPECT_EQ(metrics.dropped.Value(), 1);
  EXPECT_EQ(metrics.queue_length.Value(), 2);
  std::vector<Alert> taken = queue.TakeAll();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].key, "b");
  EXPECT_EQ(metrics.queue_length.Value(), 0);
}

}  // namespace
}  // namespace shapewatch
