#include "daemon/tool/train_options.h"

#include <string>

namespace shapewatch::tool {
namespace {

const OptionSpec kSpecs[] = {
    {"segment-len", "L|auto", "samples per segment (default 32); auto: from the dominant period"},
    {"hop", "H", "detection hop, divides L, at most L/2 (default L/2)"},
    {"slide", "S", "step between training segments (default 2)"},
    {"clusters", "K", "k-means clusters, lowered if the data has fewer shapes (default 150)"},
    {"n-init", "N", "k-means restarts, the lowest inertia wins (default 10)"},
    {"max-iter", "N", "Lloyd iterations per restart (default 300)"},
    {"tol", "T", "convergence tolerance, relative to the data variance (default 1e-4)"},
    {"window", "hann|seed", "analysis window (default hann; seed is the blog's)"},
    {"normalize", "center|none|unit",
     "match shapes without their level (center, default), as they are (none), or "
     "without their amplitude (unit)"},
    {"error", "rms|rms_max",
     "per-hop error scored: RMS, or the mean of RMS and max |error| (rms_max, default)"},
    {"seed", "S", "random seed of k-means++ (default 0)"},
    {"exclude-share", "F",
     "share of worst-reconstructed training segments left out of the fit (default 0.03)"},
    {"fine-scale", "on|off",
     "also score a reconstruction of segments a quarter as long (default on; needs a hop of 8 "
     "or more)"},
};

ShapeParams ShapeParamsFrom(const CommandLine& line) {
  ShapeParams params;
  if (line.Get("segment-len") != "auto") {
    params.segment_len = line.GetSize("segment-len", params.segment_len, 2);
  }
  params.hop = line.GetSize("hop", params.segment_len / 2, 1);
  if (std::optional<std::string> name = line.Get("window")) {
    std::optional<WindowKind> kind = ParseWindowKind(*name);
    if (!kind) throw UsageError("--window: expected hann or seed, got '" + *name + "'");
    params.window = *kind;
  }
  if (std::optional<std::string> name = line.Get("normalize")) {
    std::optional<Normalization> n = ParseNormalization(*name);
    if (!n) throw UsageError("--normalize: expected none, unit or center, got '" + *name + "'");
    params.normalization = *n;
  }
  if (std::optional<std::string> name = line.Get("error")) {
    std::optional<ErrorStatistic> e = ParseErrorStatistic(*name);
    if (!e) throw UsageError("--error: expected rms or rms_max, got '" + *name + "'");
    params.error_statistic = *e;
  }
  if (std::string bad = ValidateShapeParams(params); !bad.empty()) {
    throw UsageError("--segment-len/--hop: " + bad);
  }
  return params;
}

void PrintSummary(const Model& model, std::string_view source, std::ostream& out) {
  const TrainingInfo& t = model.training;
  out << "trained on " << t.samples << " samples of " << source << " (mean " << t.mean
      << ", stddev " << t.stddev << ", range " << t.min << " .. " << t.max << ")\n"
      << "segments: " << t.segments << " of L=" << model.params.segment_len << " every " << t.slide
      << " samples, window " << WindowName(model.params.window) << ", normalize "
      << NormalizationName(model.params.normalization) << ", hop " << model.params.hop << "\n"
      << "k-means: k=" << model.centroids.rows() << " (asked " << t.clusters_requested
      << "), inertia " << t.inertia << ", " << t.iterations << " iterations, n_init " << t.n_init
      << ", seed " << t.seed << "\n";
  if (const auto& fine = model.fine_scale) {
    out << "fine scale: k=" << fine->centroids.rows() << " of L=" << fine->params.segment_len
        << ", hop " << fine->params.hop << ", scored per " << model.params.hop << " samples\n";
  }
  for (const std::string& note : t.notes) out << "note: " << note << "\n";
}

}  // namespace

std::span<const OptionSpec> TrainOptionSpecs() { return kSpecs; }

TrainOptions TrainOptionsFrom(const CommandLine& line) {
  TrainOptions options;
  options.params = ShapeParamsFrom(line);
  options.slide = line.GetSize("slide", options.slide, 1);
  KMeansOptions& k = options.kmeans;
  k.clusters = line.GetSize("clusters", k.clusters, 1);
  k.n_init = line.GetSize("n-init", k.n_init, 1);
  k.max_iter = line.GetSize("max-iter", k.max_iter, 1);
  k.tol = line.GetDouble("tol", k.tol);
  if (k.tol < 0) throw UsageError("--tol: expected a non-negative number");
  k.seed = line.GetUnsigned("seed", k.seed);
  options.auto_segment_len = line.Get("segment-len") == "auto";
  if (options.auto_segment_len && line.Has("hop")) {
    throw UsageError("--hop: not with --segment-len auto (the hop is L/2)");
  }
  options.exclude_share = line.GetDouble("exclude-share", options.exclude_share);
  if (!(options.exclude_share >= 0.0 && options.exclude_share < 0.5)) {
    throw UsageError("--exclude-share: expected a number in [0, 0.5)");
  }
  if (std::optional<std::string> fine = line.Get("fine-scale")) {
    if (*fine != "on" && *fine != "off") {
      throw UsageError("--fine-scale: expected on or off, got '" + *fine + "'");
    }
    options.fine_scale = *fine == "on";
  }
  return options;
}

Result<Model> TrainAndReport(std::span<const double> samples, const TrainOptions& options,
                             std::string_view source, std::ostream& out) {
  Result<Model> model = TrainModel(samples, options);
  if (!model.ok()) return Error{std::string(source) + ": " + model.error()};
  PrintSummary(*model, source, out);
  return model;
}

}  // namespace shapewatch::tool
