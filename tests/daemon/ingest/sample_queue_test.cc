#include "daemon/ingest/sample_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace shapewatch {
namespace {

std::vector<IngestedSample> Samples(std::uint32_t series, int first, int count) {
  std::vector<IngestedSample> out;
  for (int i = first; i < first + count; ++i) out.push_back({series, double(i), double(i)});
  return out;
}

TEST(SampleQueue, KeepsOrderAndCapacity) {
  SampleQueue queue(4);
  EXPECT_EQ(queue.TryPush(Samples(0, 0, 6)), 4u);
  EXPECT_EQ(queue.size(), 4u);
  std::vector<IngestedSample> out;
  ASSERT_TRUE(queue.TryPopBatch(out, 10));
  ASSERT_EQ(out.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(out[i].value, i);
  EXPECT_FALSE(queue.TryPopBatch(out, 10));
  EXPECT_EQ(queue.pushed_total(), 4u);
}

TEST(SampleQueue, WrapsAround) {
  SampleQueue queue(5);
  std::vector<IngestedSample> out;
  int next_in = 0;
  int next_out = 0;
  for (int round = 0; round < 20; ++round) {
    next_in += static_cast<int>(queue.TryPush(Samples(0, next_in, 3)));
    ASSERT_TRUE(queue.TryPopBatch(out, 2));
    for (const auto& s : out) EXPECT_EQ(s.value, next_out++);
  }
  while (queue.TryPopBatch(out, 10)) {
    for (const auto& s : out) EXPECT_EQ(s.value, next_out++);
  }
  EXPECT_EQ(next_out, next_in);
}

TEST(SampleQueue, CloseLetsConsumerDrainThenEnds) {
  SampleQueue queue(8);
  queue.TryPush(Samples(0, 0, 3));
  queue.Close();
  std::vector<IngestedSample> out;
  ASSERT_TRUE(queue.PopBatch(out, 2));
  EXPECT_EQ(out.size(), 2u);
  ASSERT_TRUE(queue.PopBatch(out, 2));
  EXPECT_EQ(out.size(), 1u);
  EXPECT_FALSE(queue.PopBatch(out, 2));
}

TEST(SampleQueue, CloseWakesBlockedConsumer) {
  SampleQueue queue(8);
  std::thread consumer([&] {
    std::vector<IngestedSample> out;
    EXPECT_FALSE(queue.PopBatch(out, 1));
  });
  queue.Close();
  consumer.join();
}

TEST(SampleQueue, SpaceCallbackFiresOnceBelowHalfAfterRefusal) {
  SampleQueue queue(8);
  int calls = 0;
  queue.SetSpaceAvailableCallback([&] { ++calls; });
  std::vector<IngestedSample> out;
  queue.TryPush(Samples(0, 0, 8));
  queue.TryPopBatch(out, 8);
  EXPECT_EQ(calls, 0) << "nobody was refused";
  EXPECT_EQ(queue.TryPush(Samples(0, 0, 10)), 8u);
  queue.TryPopBatch(out, 4);  // 4 left: half, not below
  EXPECT_EQ(calls, 0);
  queue.TryPopBatch(out, 1);  // 3 left
  EXPECT_EQ(calls, 1);
  queue.TryPopBatch(out, 3);
  EXPECT_EQ(calls, 1) << "once per refusal";
}

TEST(SampleQueue, ManyProducersLoseNothing) {
  constexpr int kProducers = 4;
  constexpr int kPerProducer = 20000;
  SampleQueue queue(128);
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&queue, p] {
      const auto samples = Samples(static_cast<std::uint32_t>(p), 0, kPerProducer);
      std::size_t done = 0;
      while (done < samples.size()) {
        done += queue.TryPush(
            std::span(samples).subspan(done, std::min<std::size_t>(7, samples.size() - done)));
        std::this_thread::yield();
      }
    });
  }
  std::vector<int> next(kProducers, 0);
  std::vector<IngestedSample> out;
  int total = 0;
  while (total < kProducers * kPerProducer) {
    ASSERT_TRUE(queue.PopBatch(out, 50));
    for (const auto& s : out) EXPECT_EQ(s.value, next[s.series]++) << "series " << s.series;
    total += static_cast<int>(out.size());
  }
  for (auto& t : producers) t.join();
  EXPECT_EQ(queue.pushed_total(), std::uint64_t{kProducers * kPerProducer});
}

TEST(SampleQueue, PopBatchForReturnsEmptyBatchAfterTimeout) {
  SampleQueue queue(4);
  std::vector<IngestedSample> out = Samples(9, 0, 1);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(queue.PopBatchFor(out, 4, std::chrono::milliseconds(20)));
  EXPECT_TRUE(out.empty());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(20));
}

TEST(SampleQueue, PopBatchForTakesQueuedSamplesAndEndsWhenClosed) {
  SampleQueue queue(4);
  queue.TryPush(Samples(0, 0, 3));
  std::vector<IngestedSample> out;
  ASSERT_TRUE(queue.PopBatchFor(out, 2, std::chrono::hours(1)));
  EXPECT_EQ(out.size(), 2u);
  queue.Close();
  ASSERT_TRUE(queue.PopBatchFor(out, 2, std::chrono::hours(1)));
  EXPECT_EQ(out.size(), 1u);
  EXPECT_FALSE(queue.PopBatchFor(out, 2, std::chrono::hours(1)));
}

}  // namespace
}  // namespace shapewatch
