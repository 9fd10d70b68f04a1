// shapewatch inspect: print what a model file holds.
#include <algorithm>
#include <cmath>

#include "core/model_json.h"
#include "daemon/tool/command.h"
#include "daemon/tool/model_file.h"

namespace shapewatch::tool {
namespace {

void PrintParams(const Model& model, std::ostream& out) {
  const ShapeParams& p = model.params;
  out << "params: segment length " << p.segment_len << ", hop " << p.hop << ", window "
      << WindowName(p.window) << ", normalize " << NormalizationName(p.normalization) << "\n";
}

void PrintTraining(const TrainingInfo& t, std::ostream& out) {
  out << "training: " << t.samples << " samples (mean " << t.mean << ", stddev " << t.stddev
      << ", range " << t.min << " .. " << t.max << "), " << t.segments << " segments every "
      << t.slide << " samples\n"
      << "k-means: " << t.clusters_requested << " clusters asked, n_init " << t.n_init
      << ", max_iter " << t.max_iter << ", tol " << t.tol << ", seed " << t.seed << ", inertia "
      << t.inertia << ", " << t.iterations << " iterations\n";
  for (const std::string& note : t.notes) out << "note: " << note << "\n";
}

void PrintCalibration(const ErrorSketch& sketch, std::ostream& out) {
  out << "calibration: " << sketch.total() << " hop errors (RMS)";
  if (sketch.total() > 0) {
    for (double q : {0.5, 0.9, 0.99, 0.999}) {
      out << ", q" << q << " " << sketch.Quantile(q);
    }
    out << ", max <= " << sketch.MaxEdge();
  }
  out << "\n";
}

void PrintCentroids(const Matrix& centroids, std::ostream& out) {
  std::vector<double> norms;
  for (std::size_t i = 0; i < centroids.rows(); ++i) {
    double squared = 0.0;
    for (double v : centroids.row(i)) squared += v * v;
    norms.push_back(std::sqrt(squared));
  }
  out << "centroids: " << centroids.rows() << " x " << centroids.cols();
  if (!norms.empty()) {
    std::sort(norms.begin(), norms.end());
    out << ", L2 norm min " << norms.front() << ", median " << norms[norms.size() / 2] << ", max "
        << norms.back();
  }
  out << "\n";
}

int RunInspect(const CommandLine& line, std::ostream& out, std::ostream& err) {
  if (line.positionals().size() != 1) throw UsageError("expected one MODEL.json");
  const std::string& path = line.positionals()[0];
  Result<Model> model = LoadModelFile(path);
  if (!model.ok()) {
    err << "shapewatch inspect: " << model.error() << "\n";
    return kExitFailure;
  }
  out << path << ": " << kModelFormat << " version " << kModelVersion << "\n";
  PrintParams(*model, out);
  PrintTraining(model->training, out);
  PrintCalibration(model->calibration, out);
  PrintCentroids(model->centroids, out);
  if (const auto& fine = model->fine_scale) {
    out << "fine scale (errors per block of " << model->params.hop << " samples):\n";
    PrintParams(*fine, out);
    PrintCalibration(fine->calibration, out);
    PrintCentroids(fine->centroids, out);
  } else {
    out << "fine scale: none\n";
  }
  return kExitOk;
}

}  // namespace

const Command& InspectCommand() {
  static const Command command{"inspect",
                               "inspect MODEL.json",
                               "Prints a model's parameters, how it was trained, its notes,\n"
                               "the calibration of its reconstruction error and its centroids.",
                               {},
                               1,
                               RunInspect};
  return command;
}

}  // namespace shapewatch::tool
