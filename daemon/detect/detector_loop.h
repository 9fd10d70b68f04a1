// DetectorLoop: the detector thread. Pops batches from the SampleQueue and
// drives each series through learning, background training and scoring with
// core's SeriesDetector, exporting scores as metrics.
//
// Per series, samples are taken in arrival order; one with a timestamp older
// than the last is dropped (counted); a gap longer than gap_factor times the
// series' usual interval restarts its reconstruction. Run() returns when the
// queue is closed and drained. UpdateConfig() may be called from any thread;
// everything else belongs to the detector thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/daemon_config.h"
#include "daemon/detect/detector_metrics.h"
#include "daemon/detect/hop_observer.h"
#include "daemon/detect/model_store.h"
#include "daemon/detect/series_record.h"
#include "daemon/detect/training_worker.h"
#include "daemon/ingest/sample_queue.h"
#include "daemon/ingest/series_directory.h"
#include "daemon/service/logger.h"

namespace shapewatch {

class DetectorLoop {
 public:
  DetectorLoop(DaemonConfig config, SampleQueue& queue, const SeriesDirectory& directory,
               ModelStore& store, TrainingWorker& trainer, DetectorMetrics& metrics, Logger& log);

  void Run();

  // Adds an observer of every scored hop and state change; call before Run().
  // The observer must outlive the loop.
  void AddObserver(HopObserver* observer) { observers_.push_back(observer); }

  // Calls `beat` on the detector thread about every `every`, busy or idle,
  // so a stuck detector stops it (the systemd watchdog); call before Run().
  void SetHeartbeat(std::chrono::steady_clock::duration every, std::function<void()> beat) {
    heartbeat_every_ = every;
    heartbeat_ = std::move(beat);
  }

  // Takes effect before the next batch: thresholds and rules apply to every
  // series; a series whose model source changed starts over with it.
  void UpdateConfig(DaemonConfig config);

  // Samples processed so far (for tests and shutdown logging).
  std::uint64_t processed() const { return processed_.load(); }

 private:
  bool NextBatch(std::vector<IngestedSample>& batch,
                 std::chrono::steady_clock::time_point* queued_at);
  void ApplyPendingConfig();
  void ApplyFinishedTrainings();
  void Process(const IngestedSample& sample);
  SeriesRecord& Record(std::uint32_t id);
  void Assign(SeriesRecord& r);
  void SetState(SeriesRecord& r, SeriesState to);
  void StartScoring(SeriesRecord& r, std::shared_ptr<const Model> model, std::string source);
  bool AssignConfiguredModel(SeriesRecord& r, const SeriesRule& rule);
  bool AssignLearnedModel(SeriesRecord& r, const SeriesRule& rule);
  void Learn(SeriesRecord& r, double value);
  void Score(SeriesRecord& r, double value, double timestamp);
  void ExportHop(SeriesRecord& r, const ScoredHop& hop, double timestamp);
  void AfterHop(SeriesRecord& r, const ScoredHop& hop);
  void MaybeRetrain(SeriesRecord& r);
  void SwapInRetrainedModel(SeriesRecord& r);
  void FinishRetraining(SeriesRecord& r, TrainingOutcome& outcome);
  void BecomeUnstable(SeriesRecord& r);
  void SubmitTraining(SeriesRecord& r, const SeriesRule& rule);
  bool CheckTime(SeriesRecord& r, double timestamp);

  DaemonConfig config_;
  SampleQueue& queue_;
  const SeriesDirectory& directory_;
  ModelStore& store_;
  TrainingWorker& trainer_;
  DetectorMetrics& metrics_;
  Logger& log_;
  std::vector<std::unique_ptr<SeriesRecord>> series_;  // by series id
  std::vector<HopObserver*> observers_;

  std::mutex pending_mutex_;
  std::optional<DaemonConfig> pending_config_;  // GUARDED_BY(pending_mutex_)
  std::atomic<bool> has_pending_{false};
  std::atomic<std::uint64_t> processed_{0};
  std::uint64_t batch_hops_ = 0;
  std::function<void()> heartbeat_;  // empty: no heartbeat
  std::chrono::steady_clock::duration heartbeat_every_{};
  std::chrono::steady_clock::time_point next_beat_{};
};

}  // namespace shapewatch
