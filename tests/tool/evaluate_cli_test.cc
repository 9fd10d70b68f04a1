// shapewatch evaluate: the JSON report's shape, determinism, usage errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/tool/tool_runner.h"

namespace shapewatch::testing {
namespace {

ToolRun EvaluateAbp(const std::vector<std::string>& extra) {
  std::vector<std::string> args{"evaluate",
                                "--input",
                                DataFile("abp_125hz.csv"),
                                "--train-samples",
                                "4096",
                                "--limit",
                                "30000",
                                "--clusters",
                                "30",
                                "--n-init",
                                "1",
                                "--events",
                                "8"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunTool(args);
}

TEST(ShapewatchEvaluate, JsonHasEveryRequestedKindWithBothScores) {
  const ToolRun run = EvaluateAbp({"--json", "--kinds", "zero,spike,level", "--seed", "3"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j.at("segment_len"), 32);
  EXPECT_EQ(j.at("events_per_kind"), 8);
  ASSERT_EQ(j.at("kinds").size(), 3u);
  EXPECT_EQ(j["kinds"][0].at("kind"), "zero");
  EXPECT_EQ(j["kinds"][2].at("kind"), "level");
  for (const auto& kind : j["kinds"]) {
    EXPECT_EQ(kind.at("events"), 8);
    EXPECT_GT(kind.at("clean_windows").get<int>(), 0);
    for (const char* stream : {"instant", "smoothed"}) {
      const double auc = kind.at(stream).at("auc");
      EXPECT_GE(auc, 0.0);
      EXPECT_LE(auc, 1.0);
      EXPECT_GE(kind.at(stream).at("detected_at_rate").get<double>(), 0.0);
    }
  }
  EXPECT_GT(j["kinds"][0]["instant"]["auc"].get<double>(), 0.9);  // zeroed ABP is obvious
}

TEST(ShapewatchEvaluate, SameSeedSameReport) {
  const ToolRun a = EvaluateAbp({"--json", "--kinds", "shape", "--seed", "5"});
  const ToolRun b = EvaluateAbp({"--json", "--kinds", "shape", "--seed", "5"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
}

TEST(ShapewatchEvaluate, TextTableAndUsageErrors) {
  const ToolRun text = EvaluateAbp({"--kinds", "spike"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("spike"), std::string::npos);
  EXPECT_EQ(EvaluateAbp({"--kinds", "glitch"}).exit_code, 2);
  EXPECT_EQ(RunTool({"evaluate", "--input", DataFile("abp_125hz.csv")}).exit_code, 2);
}

}  // namespace
}  // namespace shapewatch::testing
