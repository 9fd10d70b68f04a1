// shapewatch replay: the per-sample table, its causality, determinism and
// that an injected glitch is flagged.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/tool/tool_runner.h"

namespace shapewatch::testing {
namespace {

const std::string kEcg = DataFile("ecg_mcl1_500hz.csv");
const std::string kHeader = "index,value,reconstruction,error,score,anomaly";
constexpr std::size_t kTrain = 8192, kLen = 32;

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
  if (!text.empty() && text.back() == separator && separator == ',') parts.push_back("");
  return parts;
}

struct Replayed {
  ToolRun run;
  std::vector<std::string> lines;  // header first
};

Replayed ReplayEcg(const TempDir& dir, const std::string& input, std::size_t limit,
                   const std::string& output = "out.csv") {
  Replayed r;
  r.run =
      RunTool({"replay", "--input", input, "--output", dir.File(output), "--limit",
               std::to_string(limit), "--train-samples", std::to_string(kTrain), "--n-init", "2"});
  r.lines = Split(ReadAll(dir.File(output)), '\n');
  return r;
}

// Every cell but reconstruction and error, which become final later.
std::string CausalCells(const std::string& line) {
  const std::vector<std::string> c = Split(line, ',');
  return c.size() == 6 ? c[0] + "," + c[1] + "," + c[4] + "," + c[5] : "malformed: " + line;
}

TEST(ShapewatchReplay, TrainSamplesGivesOneRowPerSampleAndEmptyTrainingPart) {
  TempDir dir;
  const Replayed r = ReplayEcg(dir, kEcg, 10000);
  ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
  ASSERT_EQ(r.lines.size(), 10001u);
  EXPECT_EQ(r.lines[0], kHeader);
  const std::vector<std::string> values = Split(ReadAll(kEcg), '\n');
  for (std::size_t i = 0; i < 10000; ++i) {
    const std::vector<std::string> c = Split(r.lines[i + 1], ',');
    ASSERT_EQ(c.size(), 6u) << r.lines[i + 1];
    EXPECT_EQ(c[0], std::to_string(i));
    EXPECT_EQ(std::stod(c[1]), std::stod(values[i + 1])) << i;
    const bool covered = i >= kTrain + kLen / 2 && i < 10000 - kLen / 2;
    EXPECT_EQ(!c[2].empty(), covered) << r.lines[i + 1];
    EXPECT_EQ(c[2].empty(), c[3].empty()) << r.lines[i + 1];
    const double score = std::stod(c[4]);
    EXPECT_TRUE(score >= 0.0 && score <= 1.0) << r.lines[i + 1];
    EXPECT_TRUE(c[5] == "0" || c[5] == "1") << r.lines[i + 1];
    if (i < kTrain) {
      EXPECT_EQ(c[4] + c[5], "00") << r.lines[i + 1];
    }
  }
  EXPECT_NE(r.run.out.find("samples: 10000 (8192 for training, 1808 scored)"), std::string::npos)
      << r.run.out;
}

TEST(ShapewatchReplay, WithModelScoresFromTheFirstSample) {
  TempDir dir;
  const ToolRun train = RunTool({"train", "--input", kEcg, "--output", dir.File("m.json"),
                                 "--limit", "8192", "--n-init", "2"});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  const ToolRun run = RunTool({"replay", "--input", kEcg, "--output", dir.File("o.csv"), "--model",
                               dir.File("m.json"), "--limit", "9000"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = Split(ReadAll(dir.File("o.csv")), '\n');
  ASSERT_EQ(lines.size(), 9001u);
  EXPECT_EQ(lines[0], kHeader);
  EXPECT_EQ(Split(lines[16], ',')[2], "");  // sample 15: never fully covered
  EXPECT_NE(Split(lines[17], ',')[2], "");  // sample 16: the first final hop
}

TEST(ShapewatchReplay, PrefixReplayGivesIdenticalRows) {
  TempDir dir;
  const Replayed full = ReplayEcg(dir, kEcg, 12000, "full.csv");
  const Replayed prefix = ReplayEcg(dir, kEcg, 10007, "prefix.csv");
  ASSERT_EQ(full.run.exit_code, 0) << full.run.err;
  ASSERT_EQ(prefix.run.exit_code, 0) << prefix.run.err;
  ASSERT_EQ(prefix.lines.size(), 10008u);
  // Reconstructions are final kLen - 1 samples later at most.
  for (std::size_t row = 1; row < prefix.lines.size(); ++row) {
    if (row <= 10007 - kLen) {
      ASSERT_EQ(prefix.lines[row], full.lines[row]) << "row " << row;
    } else {
      ASSERT_EQ(CausalCells(prefix.lines[row]), CausalCells(full.lines[row])) << "row " << row;
    }
  }
}

TEST(ShapewatchReplay, ReplayingTwiceIsByteIdentical) {
  TempDir dir;
  ASSERT_EQ(ReplayEcg(dir, kEcg, 11000, "a.csv").run.exit_code, 0);
  ASSERT_EQ(ReplayEcg(dir, kEcg, 11000, "b.csv").run.exit_code, 0);
  EXPECT_EQ(ReadAll(dir.File("a.csv")), ReadAll(dir.File("b.csv")));
}

TEST(ShapewatchReplay, ZeroedSamplesAreFlaggedAndACleanStretchIsNot) {
  TempDir dir;
  const std::vector<std::string> lines = Split(ReadAll(kEcg), '\n');
  std::string csv = lines[0] + "\n";
  constexpr std::size_t kGlitch = 12270, kGlitchLen = 5;  // on an R wave
  for (std::size_t i = 0; i < 14000; ++i) {
    csv += (i >= kGlitch && i < kGlitch + kGlitchLen ? "0" : lines[i + 1]) + "\n";
  }
  WriteAll(dir.File("glitch.csv"), csv);
  const Replayed r = ReplayEcg(dir, dir.File("glitch.csv"), 14000);
  ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
  auto anomalous = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (Split(r.lines[i + 1], ',')[5] == "1") return true;
    }
    return false;
  };
  EXPECT_TRUE(anomalous(kGlitch, kGlitch + 2 * kLen)) << r.run.out;
  // At threshold 0.999 about one clean hop in a thousand is flagged; here that
  // is the hop at 9840..9855, so the clean stretch starts after it.
  EXPECT_FALSE(anomalous(10000, kGlitch - kLen)) << r.run.out;
}

TEST(ShapewatchReplay, ErrorsNameTheFile) {
  TempDir dir;
  WriteAll(dir.File("short.csv"), "value\n1\n2\n3\n");
  const ToolRun train = RunTool({"train", "--input", kEcg, "--output", dir.File("m.json"),
                                 "--limit", "4096", "--n-init", "1", "--clusters", "20"});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  const ToolRun few = RunTool({"replay", "--input", dir.File("short.csv"), "--output",
                               dir.File("o.csv"), "--model", dir.File("m.json")});
  EXPECT_EQ(few.exit_code, 1);
  EXPECT_NE(few.err.find("short.csv: 3 samples to score, fewer than one segment (32)"),
            std::string::npos)
      << few.err;
  const ToolRun all = RunTool({"replay", "--input", kEcg, "--output", dir.File("o.csv"), "--limit",
                               "100", "--train-samples", "100"});
  EXPECT_EQ(all.exit_code, 1);
  EXPECT_NE(all.err.find("leaves nothing to score"), std::string::npos) << all.err;
  const ToolRun missing = RunTool(
      {"replay", "--input", kEcg, "--output", dir.File("o.csv"), "--model", dir.File("none.json")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("none.json: No such file or directory"), std::string::npos);
  EXPECT_FALSE(std::ifstream(dir.File("o.csv")).good());
}

}  // namespace
}  // namespace shapewatch::testing
