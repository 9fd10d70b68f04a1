// shapewatch evaluate: the JSON report's shape, determinism, usage errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/tool/tool_runner.h"

namespace shapewatch::testing {
namespace {

ToolRun EvaluateAbp(const std::vector<std::string>& extra, const std::string& events = "8") {
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
                                events};
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

TEST(ShapewatchEvaluate, RepeatsAverageTheRunsOfConsecutiveSeeds) {
  const ToolRun a = EvaluateAbp({"--json", "--kinds", "spike,shape", "--seed", "3"});
  const ToolRun b = EvaluateAbp({"--json", "--kinds", "spike,shape", "--seed", "4"});
  const ToolRun both =
      EvaluateAbp({"--json", "--kinds", "spike,shape", "--seed", "3", "--repeats", "2"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const nlohmann::json ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out),
                       j = nlohmann::json::parse(both.out);
  EXPECT_EQ(j.at("repeats"), 2);
  for (int k = 0; k < 2; ++k) {
    for (const char* count : {"events", "clean_windows", "clean_hops"}) {
      EXPECT_EQ(j["kinds"][k][count].get<int>(),
                ja["kinds"][k][count].get<int>() + jb["kinds"][k][count].get<int>())
          << count;
    }
    for (const char* stream : {"instant", "smoothed"}) {
      for (const char* field : {"auc", "threshold_at_rate", "detected_at_rate",
                                "detected_at_threshold", "clean_alarm_rate"}) {
        EXPECT_NEAR(j["kinds"][k][stream][field].get<double>(),
                    (ja["kinds"][k][stream][field].get<double>() +
                     jb["kinds"][k][stream][field].get<double>()) /
                        2,
                    1e-12)
            << stream << " " << field;
      }
    }
  }
  EXPECT_NE(ja["kinds"][1]["instant"]["auc"], jb["kinds"][1]["instant"]["auc"]);  // other runs
}

// Every event is listed with the run that injected it, the samples it
// changed, its variant and its scores, and the per-kind rates are the
// shares of those events: a user can see which events were missed and where.
TEST(ShapewatchEvaluate, JsonListsEveryEventWithItsPlaceVariantAndScores) {
  const ToolRun run =
      EvaluateAbp({"--json", "--kinds", "spike,shape", "--seed", "3", "--repeats", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(run.out);
  const std::vector<std::string> shape_variants{"amplitude x0.4", "amplitude x1.8", "time x1.4",
                                                "time x0.7"};
  for (const auto& kind : j.at("kinds")) {
    const auto& outcomes = kind.at("event_outcomes");
    ASSERT_EQ(outcomes.size(), kind.at("events").get<std::size_t>()) << kind.at("kind");
    ASSERT_GT(outcomes.size(), 0u);
    std::vector<int> per_seed(2, 0);
    double detected[2] = {0.0, 0.0};
    for (const auto& e : outcomes) {
      const auto seed = e.at("seed").get<std::uint64_t>();
      ASSERT_TRUE(seed == 3 || seed == 4) << seed;
      ++per_seed[seed - 3];
      const auto start = e.at("start").get<std::size_t>(), end = e.at("end").get<std::size_t>();
      EXPECT_GE(start, 4096u);  // after the training part
      EXPECT_LE(end, 30000u);
      EXPECT_EQ(end - start, kind.at("event_length").get<std::size_t>());
      const std::string variant = e.at("variant");
      if (kind.at("kind") == "shape") {
        EXPECT_NE(std::find(shape_variants.begin(), shape_variants.end(), variant),
                  shape_variants.end())
            << variant;
      } else {
        EXPECT_TRUE(variant == "up" || variant == "down") << variant;
      }
      for (const char* stream : {"instant", "smoothed"}) {
        const double score = e.at(stream).at("score");
        EXPECT_GE(score, 0.0);
        EXPECT_LE(score, 1.0);
      }
      detected[seed - 3] += e.at("instant").at("detected_at_rate").get<bool>() ? 1.0 : 0.0;
    }
    // Both runs contributed, and the reported rate is the mean of the runs'
    // shares of detected events.
    EXPECT_GT(per_seed[0], 0);
    EXPECT_GT(per_seed[1], 0);
    EXPECT_NEAR(kind.at("instant").at("detected_at_rate").get<double>(),
                (detected[0] / per_seed[0] + detected[1] / per_seed[1]) / 2, 1e-12);
  }
}

TEST(ShapewatchEvaluate, SameSeedSameReport) {
  const ToolRun a = EvaluateAbp({"--json", "--kinds", "shape", "--seed", "5"});
  const ToolRun b = EvaluateAbp({"--json", "--kinds", "shape", "--seed", "5"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
}

// The first 30000 ABP samples with a real (not injected) anomaly: 100
// samples lifted by 1000 units at 20000.
std::string AbpWithAGlitch(const TempDir& dir) {
  std::istringstream in(ReadAll(DataFile("abp_125hz.csv")));
  std::string csv, line;
  std::getline(in, line);
  csv = line + "\n";
  for (int i = 0; i < 30000 && std::getline(in, line); ++i) {
    const long value = std::stol(line) + (i >= 20000 && i < 20100 ? 1000 : 0);
    csv += std::to_string(value) + "\n";
  }
  WriteAll(dir.File("abp_glitch.csv"), csv);
  return dir.File("abp_glitch.csv");
}

TEST(ShapewatchEvaluate, KnownAnomaliesAreNotCountedAsFalseAlarms) {
  TempDir dir;
  const std::string input = AbpWithAGlitch(dir);
  WriteAll(dir.File("known.txt"), "# the glitch\n20000 20100   # lifted\n\n");
  const std::vector<std::string> args{
      "evaluate", "--input",  input, "--train-samples", "4096",  "--clusters", "30", "--n-init",
      "1",        "--events", "8",   "--kinds",         "spike", "--json"};
  const ToolRun plain = RunTool(args);
  std::vector<std::string> with_known = args;
  with_known.insert(with_known.end(), {"--known-anomalies", dir.File("known.txt")});
  const ToolRun known = RunTool(with_known);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ASSERT_EQ(known.exit_code, 0) << known.err;
  const nlohmann::json a = nlohmann::json::parse(plain.out), b = nlohmann::json::parse(known.out);
  EXPECT_EQ(a.at("known_anomalies"), 0);
  EXPECT_EQ(b.at("known_anomalies"), 1);
  const auto& plain_spike = a["kinds"][0];
  const auto& known_spike = b["kinds"][0];
  EXPECT_LT(known_spike.at("clean_windows").get<int>(), plain_spike.at("clean_windows").get<int>());
  // With the glitch among the clean hops, one false alarm per 1000 is set by
  // its edges; without, the threshold drops to what normal pressure waves reach.
  EXPECT_LT(known_spike["instant"]["threshold_at_rate"].get<double>(),
            plain_spike["instant"]["threshold_at_rate"].get<double>());
  // A stretch may run to (and past) the end of the recording.
  WriteAll(dir.File("to_end.txt"), "20000 18446744073709551615\n");
  with_known.back() = dir.File("to_end.txt");
  const ToolRun to_end = RunTool(with_known);
  ASSERT_EQ(to_end.exit_code, 0) << to_end.err;
  const nlohmann::json c = nlohmann::json::parse(to_end.out);
  EXPECT_LT(c["kinds"][0].at("clean_windows").get<int>(),
            known_spike.at("clean_windows").get<int>());
  EXPECT_GT(c["kinds"][0].at("clean_windows").get<int>(), 0);
  // Events that would fall on it are left out, not injected on the incident.
  EXPECT_LT(c["kinds"][0].at("events").get<int>(), known_spike.at("events").get<int>());
  EXPECT_GT(c["kinds"][0].at("events").get<int>(), 0);
}

// False alarms are counted on the recording as it is, and every event is
// scored alone: how many events go in changes neither the clean windows nor
// the clean alarm rate.
TEST(ShapewatchEvaluate, CleanHopsComeFromTheRecordingWithoutEvents) {
  const ToolRun few = EvaluateAbp({"--json", "--kinds", "spike,shape"}, "2");
  const ToolRun many = EvaluateAbp({"--json", "--kinds", "spike,shape"}, "12");
  ASSERT_EQ(few.exit_code, 0) << few.err;
  ASSERT_EQ(many.exit_code, 0) << many.err;
  const nlohmann::json a = nlohmann::json::parse(few.out), b = nlohmann::json::parse(many.out);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(a["kinds"][i].at("events"), 2);
    EXPECT_GT(b["kinds"][i].at("events").get<int>(), 2);
    EXPECT_EQ(a["kinds"][i].at("clean_windows"), b["kinds"][i].at("clean_windows"));
    EXPECT_EQ(a["kinds"][i].at("clean_hops"), b["kinds"][i].at("clean_hops"));
    for (const char* stream : {"instant", "smoothed"}) {
      EXPECT_EQ(a["kinds"][i][stream].at("clean_alarm_rate"),
                b["kinds"][i][stream].at("clean_alarm_rate"));
      EXPECT_EQ(a["kinds"][i][stream].at("threshold_at_rate"),
                b["kinds"][i][stream].at("threshold_at_rate"));
    }
  }
}

// A wave whose shape drifts after the training part: a third harmonic grows
// from nothing to most of the wave, then stays.
std::string DriftingWave(const TempDir& dir) {
  constexpr double kTwoPi = 6.283185307179586;
  std::string csv;
  std::uint64_t state = 1;
  for (int i = 0; i < 40000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double noise = 0.02 * (static_cast<double>(state >> 11) * 0x1.0p-53 - 0.5);
    const double harmonic = 0.8 * std::clamp((i - 4096) / 12000.0, 0.0, 1.0);
    csv += std::to_string(std::sin(kTwoPi * i / 40.0) +
                          harmonic * std::sin(3.0 * kTwoPi * i / 40.0 + 1.0) + noise) +
           "\n";
  }
  WriteAll(dir.File("drift.csv"), csv);
  return dir.File("drift.csv");
}

// Retraining follows the drift, as the daemon's retrain_interval does: a
// changed period on the new wave stands out against a model of the new
// wave, not against one of the old (whose errors there are all large).
TEST(ShapewatchEvaluate, RetrainingFollowsADriftingSeries) {
  TempDir dir;
  const std::vector<std::string> args{"evaluate", "--input", DriftingWave(dir), "--train-samples",
                                      "4096", "--kinds", "shape", "--clusters", "30", "--n-init",
                                      "1", "--events", "8",
                                      // The fine scale alone finds these
                                      // (AUC 0.97 without retraining).
                                      "--fine-scale", "off", "--json"};
  const ToolRun fixed = RunTool(args);
  std::vector<std::string> retrain_args = args;
  retrain_args.insert(retrain_args.end(), {"--retrain-interval", "4096"});
  const ToolRun retrained = RunTool(retrain_args);
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  ASSERT_EQ(retrained.exit_code, 0) << retrained.err;
  const nlohmann::json a = nlohmann::json::parse(fixed.out);
  const nlohmann::json b = nlohmann::json::parse(retrained.out);
  EXPECT_EQ(a.at("retrain_interval"), 0);
  EXPECT_EQ(b.at("retrain_interval"), 4096);
  const double fixed_auc = a["kinds"][0]["instant"]["auc"].get<double>();
  const double retrained_auc = b["kinds"][0]["instant"]["auc"].get<double>();
  EXPECT_GT(retrained_auc, fixed_auc + 0.15) << fixed_auc << " vs " << retrained_auc;
}

TEST(ShapewatchEvaluate, KnownAnomaliesFileErrorsNameFileAndLine) {
  TempDir dir;
  WriteAll(dir.File("bad.txt"), "100 200\n300 250\n");
  ToolRun run = EvaluateAbp({"--known-anomalies", dir.File("bad.txt")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("bad.txt:2: END (250) must be greater than START (300)"),
            std::string::npos)
      << run.err;
  WriteAll(dir.File("far.txt"), "100 200\n90000 90100\n");
  run = EvaluateAbp({"--known-anomalies", dir.File("far.txt")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("far.txt: stretch 90000 90100 starts beyond the recording's 30000"),
            std::string::npos)
      << run.err;
  run = EvaluateAbp({"--known-anomalies", dir.File("missing.txt")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("missing.txt"), std::string::npos) << run.err;
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
