#include "core/model_json.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "tests/core/test_model.h"

namespace shapewatch {
namespace {

using nlohmann::json;

const Model& TheModel() {
  static const auto model = testing::SmallEcgModel(Normalization::kUnit, WindowKind::kSeed, 8);
  return *model;
}

TEST(ModelJsonTest, RoundTripIsExact) {
  const Model& m = TheModel();
  const auto back = ModelFromJson(ModelToJson(m));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_TRUE(back->centroids == m.centroids);
  EXPECT_TRUE(back->calibration == m.calibration);
  EXPECT_EQ(back->params.segment_len, m.params.segment_len);
  EXPECT_EQ(back->params.hop, 8u);
  EXPECT_EQ(back->params.window, WindowKind::kSeed);
  EXPECT_EQ(back->params.normalization, Normalization::kUnit);
  EXPECT_EQ(back->training.inertia, m.training.inertia);
  EXPECT_EQ(back->training.notes, m.training.notes);
  EXPECT_EQ(ModelToJson(*back), ModelToJson(m));
}

// Applies `edit` to the JSON of a valid model and expects loading to fail
// with a message containing `field`.
void ExpectRejected(const std::function<void(json&)>& edit, const std::string& field) {
  json j = json::parse(ModelToJson(TheModel()));
  edit(j);
  const auto r = ModelFromJson(j.dump());
  ASSERT_FALSE(r.ok()) << "accepted; expected an error about " << field;
  EXPECT_NE(r.error().find(field), std::string::npos) << r.error();
}

TEST(ModelJsonTest, EveryCorruptionIsRejectedNamingTheField) {
  ExpectRejected([](json& j) { j["format"] = "other-model"; }, "format");
  ExpectRejected([](json& j) { j["version"] = 2; }, "version 2");
  ExpectRejected([](json& j) { j.erase("params"); }, "params");
  ExpectRejected([](json& j) { j["params"].erase("hop"); }, "params.hop");
  ExpectRejected([](json& j) { j["training"].erase("inertia"); }, "training.inertia");
  ExpectRejected([](json& j) { j["calibration"].erase("counts"); }, "calibration.counts");
  ExpectRejected([](json& j) { j.erase("centroids"); }, "centroids");
  ExpectRejected([](json& j) { j["centroids"][3].erase(0); }, "centroids[3]");
  ExpectRejected([](json& j) { j["centroids"][2][5] = "abc"; }, "centroids[2][5]");
  ExpectRejected([](json& j) { j["centroids"][1] = json::array(); }, "centroids[1]");
  ExpectRejected([](json& j) { j["centroids"] = json::array(); }, "centroids");
  ExpectRejected([](json& j) { j["params"]["window"] = "hamming"; }, "hamming");
  ExpectRejected([](json& j) { j["params"]["normalize"] = "max"; }, "params.normalize");
  ExpectRejected([](json& j) { j["params"]["hop"] = 5; }, "does not divide");
  ExpectRejected([](json& j) { j["params"]["hop"] = 20; }, "hop 20");
  ExpectRejected([](json& j) { j["params"]["segment_len"] = -4; }, "params.segment_len");
  ExpectRejected([](json& j) { j["calibration"]["counts"][0] = -1; }, "calibration.counts");
  ExpectRejected([](json& j) { j["calibration"]["relative_accuracy"] = 0.9; }, "calibration");
  ExpectRejected([](json& j) { j["training"]["notes"] = 3; }, "training.notes");
  ExpectRejected([](json& j) { j["params"]["error"] = "mad"; }, "params.error");
}

TEST(ModelJsonTest, ErrorStatisticRoundTripsAndOldFilesLoadAsRms) {
  json j = json::parse(ModelToJson(TheModel()));
  EXPECT_EQ(j["params"]["error"], "rms_max");
  j["params"].erase("error");  // a version 1 file written before the field existed
  j.erase("fine_scale");       // which had no fine scale either
  const auto old = ModelFromJson(j.dump());
  ASSERT_TRUE(old.ok()) << old.error();
  EXPECT_EQ(old->params.error_statistic, ErrorStatistic::kRms);
  const auto back = ModelFromJson(ModelToJson(*old));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->params.error_statistic, ErrorStatistic::kRms);
}

TEST(ModelJsonTest, FlatRunCalibrationRoundTripsAndOldFilesLoadWithout) {
  const Model& m = TheModel();
  ASSERT_GT(m.flat_calibration.total(), 0.0);
  json j = json::parse(ModelToJson(m));
  const auto back = ModelFromJson(j.dump());
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_TRUE(back->flat_calibration == m.flat_calibration);
  j.erase("flat_calibration");  // written before stuck values were scored
  const auto old = ModelFromJson(j.dump());
  ASSERT_TRUE(old.ok()) << old.error();
  EXPECT_EQ(old->flat_calibration.total(), 0.0);
  ExpectRejected([](json& k) { k["flat_calibration"]["counts"] = "x"; }, "flat_calibration");
}

TEST(ModelJsonTest, FineScaleRoundTripsAndOldFilesLoadWithout) {
  const Model& m = TheModel();  // hop 8: a fine scale of L = 4, hop 2
  ASSERT_TRUE(m.fine_scale);
  EXPECT_EQ(m.fine_scale->params.segment_len, 4u);
  EXPECT_EQ(m.fine_scale->params.hop, 2u);
  json j = json::parse(ModelToJson(m));
  const auto back = ModelFromJson(j.dump());
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_TRUE(back->fine_scale);
  EXPECT_TRUE(back->fine_scale->centroids == m.fine_scale->centroids);
  EXPECT_TRUE(back->fine_scale->calibration == m.fine_scale->calibration);
  EXPECT_EQ(back->fine_scale->params.window, WindowKind::kSeed);
  j.erase("fine_scale");  // written before the fine scale
  const auto old = ModelFromJson(j.dump());
  ASSERT_TRUE(old.ok()) << old.error();
  EXPECT_FALSE(old->fine_scale);
  ExpectRejected([](json& k) { k["fine_scale"]["centroids"][0][1] = "x"; },
                 "fine_scale: centroids[0][1]");
  ExpectRejected([](json& k) { k["fine_scale"]["params"]["hop"] = 3; }, "fine_scale: ");
  ExpectRejected(
      [](json& k) {
        json whole = k;  // a valid model, but as long as the one it would refine
        whole.erase("fine_scale");
        k["fine_scale"] = whole;
      },
      "fine_scale: hop 8 / segment_len 32 do not fit");
  ExpectRejected([](json& k) { k["fine_scale"]["params"]["error"] = "rms"; },
                 "fine_scale: scores its error unlike the model");
  ExpectRejected([](json& k) { k["fine_scale"]["fine_scale"] = k["fine_scale"]; },
                 "fine_scale: has a fine scale of its own");
  ExpectRejected(
      [](json& k) {
        k["fine_scale"]["calibration"]["counts"] = json::array();
        k["fine_scale"]["calibration"]["zero_count"] = 0;
      },
      "fine_scale: ");
}

TEST(ModelJsonTest, NaNInCentroidsIsRejected) {
  std::string text = ModelToJson(TheModel());
  // JSON has no NaN; a hand-edited file might still say so.
  const auto at = text.find("\"centroids\": [");
  ASSERT_NE(at, std::string::npos);
  const auto first_number = text.find_first_of("-0123456789", text.find('[', at + 15));
  const auto end = text.find_first_of(",\n]", first_number);
  text.replace(first_number, end - first_number, "NaN");
  EXPECT_FALSE(ModelFromJson(text).ok());
}

TEST(ModelJsonTest, TruncatedOrNonObjectJsonIsRejected) {
  const std::string text = ModelToJson(TheModel());
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, text.size() / 2, text.size() - 3}) {
    const auto r = ModelFromJson(std::string_view(text).substr(0, cut));
    ASSERT_FALSE(r.ok()) << "cut at " << cut;
    EXPECT_NE(r.error().find("JSON"), std::string::npos) << r.error();
  }
  EXPECT_FALSE(ModelFromJson("[1, 2]").ok());
  EXPECT_FALSE(ModelFromJson("42").ok());
}

}  // namespace
}  // namespace shapewatch
