// TrainingWorker: trains models on a background thread so the detector
// thread never blocks on k-means.
//
// The detector submits a job (a copy of the series' training samples and,
// for a retraining, which of them were flagged); the worker trains, saves
// the model atomically through the ModelStore, and queues the outcome, then
// calls `on_finished` (which wakes the detector).
// Stop() lets the job in progress finish (so its model is saved) and
// abandons queued ones. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/model.h"
#include "core/model_trainer.h"
#include "daemon/detect/model_store.h"

namespace shapewatch {

struct TrainingJob {
  std::uint32_t series = 0;
  std::string name;
  std::vector<double> samples;
  TrainOptions options;
  bool retrain = false;        // replaces a model in use (kept until this one is saved)
  std::vector<bool> excluded;  // samples not to learn from (TrainModel); may be empty
};

struct TrainingOutcome {
  std::uint32_t series = 0;
  std::shared_ptr<const Model> model;  // null when training failed
  std::string error;                   // why training failed
  std::string save_error;              // trained, but not persisted
  bool retrain = false;
};

class TrainingWorker {
 public:
  TrainingWorker(ModelStore& store, std::function<void()> on_finished);
  ~TrainingWorker();

  void Submit(TrainingJob job);
  std::vector<TrainingOutcome> TakeFinished();
  void Stop();

 private:
  void Loop();

  ModelStore& store_;
  std::function<void()> on_finished_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<TrainingJob> jobs_;           // GUARDED_BY(mutex_)
  std::vector<TrainingOutcome> finished_;  // GUARDED_BY(mutex_)
  bool stopping_ = false;                  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace shapewatch
