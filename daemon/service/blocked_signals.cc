#include "daemon/service/blocked_signals.h"

#include <pthread.h>

namespace shapewatch {

BlockedSignals::BlockedSignals(std::initializer_list<int> signals) {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : signals) sigaddset(&set, sig);
  blocked_ = pthread_sigmask(SIG_BLOCK, &set, &previous_) == 0;
}

BlockedSignals::~BlockedSignals() { Unblock(); }

void BlockedSignals::Unblock() {
  if (!blocked_) return;
  blocked_ = false;
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

}  // namespace shapewatch
