// DaemonConfig: everything shapewatchd can be told, with the built-in
// defaults it runs on when given no file, and the YAML parser that fills it.
//
// Parsing is all-or-nothing: a file with any problem yields an error naming
// file:line:column and what is wrong, and the caller keeps its previous
// configuration. Plain values; safe to copy between threads.
//
// The YAML schema; every key is optional and shown with its default
// (config/shapewatch.example.yaml says what each one does). Unknown and
// repeated keys are errors, so that a misspelt setting is not silently
// ignored.
//
//   listen:
//     graphite: 127.0.0.1:2003   # TCP and UDP; quote IPv6: "[::1]:2003"
//     graphite_udp: true
//     metrics: 127.0.0.1:9464
//   state_dir: ""
//   limits:
//     queue_capacity: 1048576
//     max_series: 50000
//     max_line_length: 4096
//   gap_factor: 10
//   series:                      # first match wins; omitted: one rule "*"
//     - match: "*"
//       model: ""                # relative to the config file's directory
//       train_samples: 4096      # at least segment_len
//       segment_len: 32          # or auto: L from the dominant period
//       hop: 16                  # omitted: segment_len / 2
//       slide: 2
//       clusters: 150
//       n_init: 10
//       max_iter: 300
//       tol: 1.0e-4
//       window: hann             # hann | seed
//       normalize: center        # center | none | unit
//       seed: 0
//       threshold: 0.999         # in (0, 1)
//       score: instant           # instant | smoothed: which score flags
//       exclude_share: 0.03      # in [0, 0.5)
//       retrain_interval: 0      # samples; 0 = never
//       unstable_share: 0.2      # in (0, 1]
//       error: rms_max           # rms_max | rms: the per-hop error that is scored
//       history_half_life: 0     # hops; 0 = the error history never forgets
//       fine_scale: true         # also score segments a quarter as long
//   alerting: ...                # see config/alerting_config.h
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/alerting_config.h"
#include "core/model_trainer.h"
#include "core/result.h"
#include "core/series_detector.h"

namespace shapewatch {

// A listening address "host:port"; host may be an IPv4 or IPv6 literal
// ("[::1]:2003") or a name; port 0 picks a free port.
struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string ToString() const;  // "127.0.0.1:2003", "[::1]:2003"
};
Result<ListenAddress> ParseListenAddress(std::string_view text);

// How the series whose names match `match` are modelled. Rules are tried in
// order; the first match wins.
struct SeriesRule {
  std::string match = "*";           // glob: '*' any run of characters, '?' one character
  std::string model_file;            // a model from `shapewatch train`; empty: learn it
  std::size_t train_samples = 4096;  // samples collected before learning
  TrainOptions train;                // segment length, hop, window, normalisation, k, ...
  DetectorOptions detector;          // threshold, flag score, unstable share
  // Relearn from the series' recent samples (flagged hops left out) every
  // this many samples; 0 never. The old model scores until the new is ready.
  std::size_t retrain_interval = 0;
};

struct DaemonConfig {
  ListenAddress graphite_tcp{"127.0.0.1", 2003};  // Graphite plaintext over TCP
  ListenAddress graphite_udp{"127.0.0.1", 2003};  // ... and over UDP
  bool graphite_udp_enabled = true;
  ListenAddress metrics{"127.0.0.1", 9464};  // Prometheus /metrics
  std::string state_dir;                     // learned models; "" = $STATE_DIRECTORY or ./state
  std::size_t queue_capacity = 1 << 20;      // samples between ingest and detector
  std::size_t max_series = 50000;            // series beyond this are refused
  std::size_t max_line_length = 4096;        // bytes; longer Graphite lines are errors
  double gap_factor = 10.0;                  // a gap over gap_factor x the usual interval restarts
  std::vector<SeriesRule> rules;             // default: one rule "*" that learns
  std::string source;                        // where it came from: a path or "built-in default"
  AlertingConfig alerting;                   // alerts to Alertmanager; off without alertmanagers
};

DaemonConfig DefaultConfig();

// Parses YAML text; `file_name` is used in error messages ("file:line:col: ...")
// and its directory anchors relative model paths. Never throws.
Result<DaemonConfig> ParseDaemonConfig(std::string_view yaml, std::string_view file_name);

// Reads and parses a file; errors name the file (and errno text when unreadable).
Result<DaemonConfig> LoadDaemonConfig(const std::string& path);

// The settings a running daemon cannot change on SIGHUP (sockets, the state
// directory, limits and the alert queue sized at start-up, switching alerting
// on or off), by
// their YAML key, that differ between `running` and `next`; empty when a
// reload applies all of `next`. A key is listed once.
std::vector<std::string> RestartOnlyChanges(const DaemonConfig& running, const DaemonConfig& next);

// True when `name` matches the glob `pattern` ('*' any run of bytes, dots
// included; '?' one byte). At worst O(|pattern| x |name|), never exponential.
bool GlobMatch(std::string_view pattern, std::string_view name);

}  // namespace shapewatch
