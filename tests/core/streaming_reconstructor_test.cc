#include "core/streaming_reconstructor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "tests/core/test_model.h"

namespace shapewatch {
namespace {

struct Collected {
  std::vector<std::uint64_t> first;
  std::vector<double> values, recon, error, rms;
  std::vector<std::size_t> centroid;
  void operator()(const Hop& h) {
    first.push_back(h.first_index);
    values.insert(values.end(), h.values.begin(), h.values.end());
    recon.insert(recon.end(), h.reconstruction.begin(), h.reconstruction.end());
    error.insert(error.end(), h.error.begin(), h.error.end());
    rms.push_back(h.rms_error);
    centroid.push_back(h.centroid);
  }
};

bool BitIdentical(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::vector<double> Ecg(std::size_t n) {
  auto all = testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 4096 + n);
  return {all.begin() + 4096, all.end()};
}

Collected Chunked(const std::shared_ptr<const Model>& model, const std::vector<double>& signal,
                  const std::vector<std::size_t>& chunks) {
  StreamingReconstructor r(model);
  Collected c;
  std::size_t at = 0, i = 0;
  while (at < signal.size()) {
    const std::size_t n = std::min(chunks[i++ % chunks.size()], signal.size() - at);
    r.Push(std::span(signal).subspan(at, n), std::ref(c));
    at += n;
  }
  return c;
}

void ExpectSame(const Collected& a, const Collected& b) {
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.centroid, b.centroid);
  EXPECT_TRUE(BitIdentical(a.values, b.values));
  EXPECT_TRUE(BitIdentical(a.recon, b.recon));
  EXPECT_TRUE(BitIdentical(a.error, b.error));
  EXPECT_TRUE(BitIdentical(a.rms, b.rms));
}

TEST(StreamingReconstructorTest, AnyChunkingGivesBitIdenticalHops) {
  for (auto norm : {Normalization::kNone, Normalization::kUnit}) {
    const auto model = testing::SmallEcgModel(norm);
    const std::vector<double> signal = Ecg(5003);
    const Collected whole = Chunked(model, signal, {signal.size()});
    // Every complete segment but the first finishes a hop.
    ASSERT_EQ(whole.first.size(), (5003 - 32) / 16);
    for (std::size_t chunk : {1u, 7u, 16u, 1000u}) {
      SCOPED_TRACE(chunk);
      ExpectSame(whole, Chunked(model, signal, {chunk}));
    }
    std::mt19937_64 rng(5);
    std::vector<std::size_t> random(50);
    for (auto& n : random) n = 1 + rng() % 97;
    ExpectSame(whole, Chunked(model, signal, random));
    // One sample at a time through the single-sample Push.
    StreamingReconstructor single(model);
    Collected c;
    for (double v : signal) {
      if (single.Push(v)) c(single.last_hop());
    }
    ExpectSame(whole, c);
  }
}

TEST(StreamingReconstructorTest, FirstHopStartsAfterLMinusHopSamples) {
  const auto model = testing::SmallEcgModel();
  const std::vector<double> signal = Ecg(200);
  const Collected c = Chunked(model, signal, {200});
  ASSERT_FALSE(c.first.empty());
  EXPECT_EQ(c.first[0], 16u);  // L - hop = 32 - 16 samples are never emitted
  for (std::size_t h = 1; h < c.first.size(); ++h) EXPECT_EQ(c.first[h], c.first[h - 1] + 16);
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    EXPECT_EQ(c.values[i], signal[16 + i]);
    EXPECT_EQ(c.error[i], c.recon[i] - c.values[i]);
  }
}

TEST(StreamingReconstructorTest, ResetRestartsCoverage) {
  const auto model = testing::SmallEcgModel();
  const std::vector<double> signal = Ecg(400);
  StreamingReconstructor r(model);
  Collected before, after;
  r.Push(std::span(signal).first(100), std::ref(before));
  r.Reset();
  EXPECT_EQ(r.samples_pushed(), 100u);
  r.Push(std::span(signal).subspan(100), std::ref(after));
  ASSERT_FALSE(after.first.empty());
  EXPECT_EQ(after.first[0], 100u + 16u);
  // After a Reset the stream behaves like a fresh reconstructor.
  const Collected fresh = Chunked(model, {signal.begin() + 100, signal.end()}, {300});
  EXPECT_TRUE(BitIdentical(after.recon, fresh.recon));
  EXPECT_EQ(after.centroid, fresh.centroid);
}

TEST(StreamingReconstructorTest, HannReconstructionOfTrainingDataIsClose) {
  const auto model = testing::SmallEcgModel();
  const std::vector<double> signal =
      testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 4096);
  const Collected c = Chunked(model, signal, {4096});
  double err = 0.0, var = 0.0;
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    err += c.error[i] * c.error[i];
    var += c.values[i] * c.values[i];
  }
  EXPECT_LT(err, 0.1 * var);
}

TEST(StreamingReconstructorTest, UnitNormalisationScalesWithAmplitude) {
  const auto model = testing::SmallEcgModel(Normalization::kUnit);
  const std::vector<double> signal = Ecg(2000);
  std::vector<double> scaled(signal);
  for (double& v : scaled) v *= 8.0;  // a power of two: scaling is exact
  const Collected a = Chunked(model, signal, {2000});
  const Collected b = Chunked(model, scaled, {2000});
  EXPECT_EQ(a.centroid, b.centroid);
  ASSERT_EQ(a.rms.size(), b.rms.size());
  for (std::size_t h = 0; h < a.rms.size(); ++h) {
    EXPECT_NEAR(b.rms[h], 8.0 * a.rms[h], 1e-9 * (1.0 + b.rms[h]));
  }
}

TEST(StreamingReconstructorTest, CenteringFollowsALevelDrift) {
  const auto centered = testing::SmallEcgModel(Normalization::kCenter);
  const auto absolute = testing::SmallEcgModel(Normalization::kNone);
  const std::vector<double> signal = Ecg(2000);
  std::vector<double> shifted(signal);
  for (double& v : shifted) v += 512.0;  // a baseline the training never had
  const Collected a = Chunked(centered, signal, {2000});
  const Collected b = Chunked(centered, shifted, {2000});
  EXPECT_EQ(a.centroid, b.centroid);
  ASSERT_EQ(a.rms.size(), b.rms.size());
  for (std::size_t h = 0; h < a.rms.size(); ++h) EXPECT_NEAR(a.rms[h], b.rms[h], 1e-6);
  for (std::size_t i = 0; i < a.recon.size(); ++i)
    EXPECT_NEAR(b.recon[i], a.recon[i] + 512.0, 1e-6);
  // Matching absolute values, the same shift is a large error everywhere.
  const Collected c = Chunked(absolute, shifted, {2000});
  double centered_sum = 0.0, absolute_sum = 0.0;
  for (std::size_t h = 0; h < a.rms.size(); ++h) {
    centered_sum += b.rms[h];
    absolute_sum += c.rms[h];
  }
  EXPECT_GT(absolute_sum, 3.0 * centered_sum);
}

TEST(StreamingReconstructorTest, ZeroSegmentsReconstructAsZerosUnderUnitNorm) {
  const auto model = testing::SmallEcgModel(Normalization::kUnit);
  const Collected c = Chunked(model, std::vector<double>(200, 0.0), {200});
  for (double v : c.recon) EXPECT_EQ(v, 0.0);
  for (double v : c.rms) EXPECT_EQ(v, 0.0);
}

}  // namespace
}  // namespace shapewatch
