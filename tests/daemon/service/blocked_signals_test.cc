// BlockedSignals: the calling thread and threads it starts do not take the
// signals while blocked; Unblock delivers what arrived meanwhile.
#include "daemon/service/blocked_signals.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <csignal>
#include <thread>

namespace shapewatch {
namespace {

volatile std::sig_atomic_t g_received = 0;

void CountSignal(int) { g_received = g_received + 1; }

bool BlockedHere(int sig) {
  sigset_t current;
  pthread_sigmask(SIG_BLOCK, nullptr, &current);
  return sigismember(&current, sig) == 1;
}

class BlockedSignalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_received = 0;
    struct sigaction action {};
    action.sa_handler = CountSignal;
    sigemptyset(&action.sa_mask);
    ASSERT_EQ(sigaction(SIGUSR1, &action, &previous_), 0);
  }
  void TearDown() override { sigaction(SIGUSR1, &previous_, nullptr); }

 private:
  struct sigaction previous_ {};
};

TEST_F(BlockedSignalsTest, HoldsTheSignalUntilUnblockAndThenDeliversIt) {
  ASSERT_FALSE(BlockedHere(SIGUSR1));
  BlockedSignals blocked({SIGUSR1, SIGUSR2});
  EXPECT_TRUE(BlockedHere(SIGUSR1));
  EXPECT_TRUE(BlockedHere(SIGUSR2));

  pthread_kill(pthread_self(), SIGUSR1);
  EXPECT_EQ(g_received, 0);
  sigset_t pending;
  sigpending(&pending);
  EXPECT_EQ(sigismember(&pending, SIGUSR1), 1);

  blocked.Unblock();  // a pending unblocked signal is delivered before it returns
  EXPECT_EQ(g_received, 1);
  EXPECT_FALSE(BlockedHere(SIGUSR1));
  EXPECT_FALSE(BlockedHere(SIGUSR2));
  blocked.Unblock();  // a second call changes nothing
  EXPECT_FALSE(BlockedHere(SIGUSR1));
}

TEST_F(BlockedSignalsTest, ThreadsStartedMeanwhileKeepTheBlockAfterUnblock) {
  BlockedSignals blocked({SIGUSR1});
  bool blocked_in_thread = false;
  std::thread worker([&] { blocked_in_thread = BlockedHere(SIGUSR1); });
  worker.join();
  blocked.Unblock();
  EXPECT_TRUE(blocked_in_thread);
  EXPECT_FALSE(BlockedHere(SIGUSR1));
}

TEST_F(BlockedSignalsTest, DestructionRestoresTheMaskItFound) {
  {
    BlockedSignals outer({SIGUSR2});
    {
      BlockedSignals inner({SIGUSR1, SIGUSR2});
      EXPECT_TRUE(BlockedHere(SIGUSR1));
    }
    EXPECT_FALSE(BlockedHere(SIGUSR1));
    EXPECT_TRUE(BlockedHere(SIGUSR2));  // the outer block stays
  }
  EXPECT_FALSE(BlockedHere(SIGUSR2));
}

}  // namespace
}  // namespace shapewatch
