// The shapewatch binary's command line: help, version, usage errors, train,
// inspect, and how malformed input is reported.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/tool/tool_runner.h"

namespace shapewatch::testing {
namespace {

const std::string kEcg = DataFile("ecg_mcl1_500hz.csv");

// Fast training on the blog's 8192 samples.
std::vector<std::string> TrainArgs(const std::string& model) {
  return {"train", "--input", kEcg, "--output", model, "--limit", "8192", "--n-init", "2"};
}

TEST(ShapewatchCli, HelpOnEveryCommandExitsZero) {
  for (const std::string command : {"train", "replay", "inspect", "push"}) {
    const ToolRun run = RunTool({command, "--help"});
    EXPECT_EQ(run.exit_code, 0) << command;
    EXPECT_EQ(run.out.rfind("usage: shapewatch " + command, 0), 0u) << run.out;
    EXPECT_EQ(run.err, "");
  }
  const ToolRun top = RunTool({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("replay"), std::string::npos);
}

TEST(ShapewatchCli, VersionPrintsTheBuildVersion) {
  const ToolRun run = RunTool({"--version"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, std::string("shapewatch ") + SHAPEWATCH_VERSION + "\n");
}

TEST(ShapewatchCli, UsageErrorsExitTwoAndNameTheProblem) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{}, "usage: shapewatch"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"train", "--input", kEcg}, "missing required option --output"},
      {{"train", "--input", kEcg, "--output", "m.json", "--bogus"}, "unknown option '--bogus'"},
      {{"train", "--input", kEcg, "--output", "m", "--clusters", "x"}, "--clusters: expected"},
      {{"train", "--input", kEcg, "--output", "m", "--hop", "5"}, "does not divide"},
      {{"train", "--input", "rec.txt", "--output", "m"}, "cannot tell the format"},
      {{"replay", "--input", kEcg, "--output", "o.csv"}, "exactly one of --model"},
      {{"replay", "--input", kEcg, "--output", "o", "--model", "m", "--n-init", "1"},
       "--n-init applies only with --train-samples"},
      {{"push", "--input", kEcg, "--series", "a", "--to", "nowhere"}, "--to: expected"},
      {{"inspect"}, "expected one MODEL.json"},
  };
  for (const auto& [args, message] : cases) {
    const ToolRun run = RunTool(args);
    EXPECT_EQ(run.exit_code, 2) << message;
    EXPECT_NE(run.err.find(message), std::string::npos) << run.err;
    EXPECT_EQ(run.out, "") << message;
  }
}

TEST(ShapewatchCli, TrainThenInspectDescribesTheModel) {
  TempDir dir;
  const ToolRun train = RunTool(TrainArgs(dir.File("m.json")));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_NE(train.out.find("trained on 8192 samples"), std::string::npos) << train.out;
  EXPECT_NE(train.out.find("k-means: k=150"), std::string::npos) << train.out;
  const ToolRun inspect = RunTool({"inspect", dir.File("m.json")});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  for (const std::string expected : {"segment length 32, hop 16, window hann, normalize center",
                                     "8192 samples", "calibration: ", "centroids: 150 x 32"}) {
    EXPECT_NE(inspect.out.find(expected), std::string::npos) << inspect.out;
  }
}

TEST(ShapewatchCli, TrainRefusesConstantData) {
  TempDir dir;
  std::string csv = "value\n";
  for (int i = 0; i < 100; ++i) csv += "5\n";
  WriteAll(dir.File("flat.csv"), csv);
  const ToolRun run =
      RunTool({"train", "--input", dir.File("flat.csv"), "--output", dir.File("m.json")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("constant series"), std::string::npos) << run.err;
}

TEST(ShapewatchCli, TrainLowersKOnDataWithFewShapesAndSaysSo) {
  TempDir dir;
  std::string csv = "value\n";
  for (int i = 0; i < 100; ++i) csv += (i / 25) % 2 ? "5\n" : "7\n";
  WriteAll(dir.File("flat.csv"), csv);
  const ToolRun run = RunTool({"train", "--input", dir.File("flat.csv"), "--output",
                               dir.File("m.json"), "--window", "seed"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("note: "), std::string::npos) << run.out;
  EXPECT_NE(RunTool({"inspect", dir.File("m.json")}).out.find("note: "), std::string::npos);
}

TEST(ShapewatchCli, NanInCsvIsReportedWithFileAndLine) {
  TempDir dir;
  WriteAll(dir.File("bad.csv"), "value\n1\n2\nNaN\n4\n");
  const ToolRun run =
      RunTool({"train", "--input", dir.File("bad.csv"), "--output", dir.File("m.json")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(dir.File("bad.csv") + ":4: not a finite number: 'NaN'"), std::string::npos)
      << run.err;
  EXPECT_FALSE(std::ifstream(dir.File("m.json")).good());
}

TEST(ShapewatchCli, EmptyFileAndTooFewSamplesAreErrors) {
  TempDir dir;
  WriteAll(dir.File("empty.csv"), "");
  WriteAll(dir.File("short.csv"), "1\n2\n3\n");
  const ToolRun empty = RunTool({"train", "--input", dir.File("empty.csv"), "--output", "m"});
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.err.find("empty.csv:1: empty file"), std::string::npos) << empty.err;
  const ToolRun few = RunTool({"train", "--input", dir.File("short.csv"), "--output", "m"});
  EXPECT_EQ(few.exit_code, 1);
  EXPECT_NE(few.err.find("short.csv: need at least one segment of 32"), std::string::npos)
      << few.err;
}

TEST(ShapewatchCli, CorruptModelIsAnErrorNamingTheFile) {
  TempDir dir;
  WriteAll(dir.File("m.json"), "{\"format\": \"shapewatch-model\"");
  const ToolRun run = RunTool({"inspect", dir.File("m.json")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.rfind("shapewatch inspect: " + dir.File("m.json") + ": ", 0), 0u) << run.err;
}

}  // namespace
}  // namespace shapewatch::testing
