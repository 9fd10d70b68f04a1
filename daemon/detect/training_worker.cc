#include "daemon/detect/training_worker.h"

namespace shapewatch {

TrainingWorker::TrainingWorker(ModelStore& store, std::function<void()> on_finished)
    : store_(store), on_finished_(std::move(on_finished)), thread_([this] { Loop(); }) {}

TrainingWorker::~TrainingWorker() { Stop(); }

void TrainingWorker::Submit(TrainingJob job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

std::vector<TrainingOutcome> TrainingWorker::TakeFinished() {
  std::lock_guard lock(mutex_);
  std::vector<TrainingOutcome> out;
  out.swap(finished_);
  return out;
}

void TrainingWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void TrainingWorker::Loop() {
  for (;;) {
    TrainingJob job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    TrainingOutcome outcome;
    outcome.series = job.series;
    outcome.retrain = job.retrain;
    Result<Model> model = TrainModel(job.samples, job.options, job.excluded);
    if (model.ok()) {
      if (Status saved = store_.SaveLearned(job.name, *model); !saved.ok()) {
        outcome.save_error = saved.error();
      }
      outcome.model = std::make_shared<const Model>(std::move(*model));
    } else {
      outcome.error = model.error();
    }
    {
      std::lock_guard lock(mutex_);
      finished_.push_back(std::move(outcome));
    }
    if (on_finished_) on_finished_();
  }
}

}  // namespace shapewatch
