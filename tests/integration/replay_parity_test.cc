// The daemon and `shapewatch replay` run the same detector: for the same
// model and samples, the score the daemon exports after each chunk equals
// the replay's score at that row, and they flag the same number of hops.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {

struct ReplayRow {
  double score = 0.0;
  int anomaly = 0;
};

std::vector<ReplayRow> ReadReplay(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::vector<ReplayRow> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (cells.size() < 6) cells.resize(6);
    rows.push_back(
        {cells[4].empty() ? 0.0 : std::stod(cells[4]), cells[5].empty() ? 0 : std::stoi(cells[5])});
  }
  return rows;
}

TEST(ReplayParity, DaemonExportsTheScoresReplayComputes) {
  TempDir dir;
  const std::string ecg_csv = std::string(SHAPEWATCH_TEST_DATA_DIR) + "/ecg_mcl1_500hz.csv";
  RunResult train = RunProgram({ToolBinary(), "train", "--input", ecg_csv, "--limit", "8192",
                                "--n-init", "2", "--output", dir.File("m.json")});
  ASSERT_EQ(train.status, 0) << train.output;

  // The stretch after the training part, with a few spikes so that hops get flagged.
  std::vector<double> ecg = LoadEcg();
  std::vector<double> stretch(ecg.begin() + 8192, ecg.begin() + 8192 + 20000);
  for (std::size_t p = 3000; p < stretch.size(); p += 5000) stretch[p] += 1500;
  std::string csv = "value\n";
  for (double v : stretch) csv += std::to_string(static_cast<long long>(v)) + "\n";
  dir.Write("stretch.csv", csv);
  RunResult replay = RunProgram({ToolBinary(), "replay", "--input", dir.File("stretch.csv"),
                                 "--model", dir.File("m.json"), "--output", dir.File("out.csv")});
  ASSERT_EQ(replay.status, 0) << replay.output;
  const std::vector<ReplayRow> rows = ReadReplay(dir.File("out.csv"));
  ASSERT_EQ(rows.size(), stretch.size());

  DaemonUnderTest daemon(dir, "series:\n  - match: \"ecg\"\n    model: m.json\n");
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  // With L=32 and hop 16 the k-th hop becomes final at row 47 + 16k; its
  // flag is the row's anomaly cell.
  auto flagged_until = [&](std::size_t end) {
    int n = 0;
    for (std::size_t r = 47; r < end; r += 16) n += rows[r].anomaly;
    return n;
  };
  for (std::size_t end = 3333; end <= stretch.size(); end += 3333) {
    const std::size_t begin = end - 3333;
    ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg", stretch, begin, end, 1.7e9, 0.002)));
    ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg\"}",
                                     static_cast<double>(end)));
    const auto m = daemon.Scrape();
    const double exported = Metric(m, "shapewatch_anomaly_score{series=\"ecg\"}").value();
    EXPECT_NEAR(exported, rows[end - 1].score, 1e-12 * std::max(1.0, rows[end - 1].score))
        << "after " << end << " samples";
    EXPECT_EQ(Metric(m, "shapewatch_anomalous{series=\"ecg\"}"), rows[end - 1].anomaly);
    EXPECT_EQ(Metric(m, "shapewatch_anomalous_hops_total{series=\"ecg\"}"), flagged_until(end));
  }
  EXPECT_GT(flagged_until(stretch.size()), 0) << "the spikes should be flagged";
}

}  // namespace
}  // namespace shapewatch::testing
