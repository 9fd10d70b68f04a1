#include "core/model_json.h"

#include <cmath>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace shapewatch {
namespace {

using nlohmann::json;

json SketchToJson(const ErrorSketch& s) {
  return json{{"relative_accuracy", s.accuracy()},
              {"max_buckets", s.max_buckets()},
              {"min_index", s.min_index()},
              {"zero_count", s.zero_count()},
              {"counts", s.counts()}};
}

// Reads fields of one JSON object, remembering the first problem with its path.
class FieldReader {
 public:
  FieldReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) Fail(path_, "is not an object");
  }

  const json* Get(const char* key) {
    if (!error_.empty()) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end()) {
      Fail(Path(key), "is missing");
      return nullptr;
    }
    return &*it;
  }

  double Number(const char* key) {
    const json* v = Get(key);
    if (!v) return 0.0;
    if (!v->is_number() || !std::isfinite(v->get<double>())) {
      Fail(Path(key), "is not a finite number");
      return 0.0;
    }
    return v->get<double>();
  }

  std::uint64_t Count(const char* key,
                      std::uint64_t max = std::numeric_limits<std::uint32_t>::max()) {
    const json* v = Get(key);
    if (!v) return 0;
    if (!v->is_number_unsigned() || v->get<std::uint64_t>() > max) {
      Fail(Path(key), "is not a whole number from 0 to " + std::to_string(max));
      return 0;
    }
    return v->get<std::uint64_t>();
  }

  std::string String(const char* key) {
    const json* v = Get(key);
    if (!v) return "";
    if (!v->is_string()) {
      Fail(Path(key), "is not a string");
      return "";
    }
    return v->get<std::string>();
  }

  std::string Path(const char* key) const { return path_ + "." + key; }
  void Fail(const std::string& where, const std::string& why) {
    if (error_.empty()) error_ = where + " " + why;
  }
  const std::string& error() const { return error_; }

 private:
  const json& object_;
  std::string path_;
  std::string error_;
};

void ReadParams(const json& j, ShapeParams& p, FieldReader& top) {
  FieldReader r(j, "params");
  p.segment_len = r.Count("segment_len", 1 << 16);
  p.hop = r.Count("hop", 1 << 16);
  const std::string window = r.String("window");
  const std::string norm = r.String("normalize");
  if (r.error().empty()) {
    if (auto w = ParseWindowKind(window))
      p.window = *w;
    else
      r.Fail(r.Path("window"), "is '" + window + "', expected 'hann' or 'seed'");
    if (auto n = ParseNormalization(norm))
      p.normalization = *n;
    else
      r.Fail(r.Path("normalize"), "is '" + norm + "', expected 'none', 'unit' or 'center'");
  }
  // Optional: files written before it existed were calibrated with RMS.
  p.error_statistic = ErrorStatistic::kRms;
  if (auto it = j.find("error"); r.error().empty() && j.is_object() && it != j.end()) {
    const auto statistic =
        it->is_string() ? ParseErrorStatistic(it->get<std::string>()) : std::nullopt;
    if (statistic)
      p.error_statistic = *statistic;
    else
      r.Fail(r.Path("error"), "is not 'rms' or 'rms_max'");
  }
  if (r.error().empty()) {
    if (std::string bad = ValidateShapeParams(p); !bad.empty()) r.Fail("params", bad);
  }
  if (!r.error().empty()) top.Fail(r.error(), "");
}

void ReadTraining(const json& j, TrainingInfo& t, FieldReader& top) {
  FieldReader r(j, "training");
  t.samples = r.Count("samples", std::numeric_limits<std::uint64_t>::max());
  t.slide = r.Count("slide");
  t.segments = r.Count("segments", std::numeric_limits<std::uint64_t>::max());
  t.clusters_requested = r.Count("clusters_requested");
  t.n_init = r.Count("n_init");
  t.max_iter = r.Count("max_iter");
  t.tol = r.Number("tol");
  t.seed = r.Count("seed", std::numeric_limits<std::uint64_t>::max());
  t.inertia = r.Number("inertia");
  t.iterations = r.Count("iterations");
  t.mean = r.Number("mean");
  t.stddev = r.Number("stddev");
  t.min = r.Number("min");
  t.max = r.Number("max");
  if (const json* notes = r.Get("notes")) {
    if (!notes->is_array()) r.Fail(r.Path("notes"), "is not an array");
    for (const json& n : *notes) {
      if (!n.is_string())
        r.Fail(r.Path("notes"), "holds a non-string");
      else
        t.notes.push_back(n.get<std::string>());
    }
  }
  if (!r.error().empty()) top.Fail(r.error(), "");
}

void ReadCalibration(const json& j, const char* name, ErrorSketch& sketch, FieldReader& top) {
  FieldReader r(j, name);
  const double accuracy = r.Number("relative_accuracy");
  const auto max_buckets = r.Count("max_buckets", 1 << 20);
  const json* min_index = r.Get("min_index");
  const double zero = r.Number("zero_count");
  const json* counts = r.Get("counts");
  if (r.error().empty()) {
    std::vector<double> c;
    if (!min_index->is_number_integer()) r.Fail(r.Path("min_index"), "is not an integer");
    if (!counts->is_array())
      r.Fail(r.Path("counts"), "is not an array");
    else {
      for (const json& v : *counts) {
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0) {
          r.Fail(r.Path("counts"), "holds something other than a finite count >= 0");
          break;
        }
        c.push_back(v.get<double>());
      }
    }
    if (r.error().empty() &&
        !ErrorSketch::FromParts(accuracy, max_buckets, min_index->get<std::int32_t>(), std::move(c),
                                zero, &sketch)) {
      r.Fail(name, "is inconsistent (accuracy, bucket count or counts)");
    }
  }
  if (!r.error().empty()) top.Fail(r.error(), "");
}

void ReadCentroids(const json& j, std::size_t len, Matrix& out, FieldReader& top) {
  if (!j.is_array() || j.empty()) {
    top.Fail("centroids", "is not a non-empty array");
    return;
  }
  Matrix m(j.size(), len);
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string where = "centroids[" + std::to_string(i) + "]";
    if (!j[i].is_array() || j[i].size() != len) {
      top.Fail(where, "is not an array of segment_len (" + std::to_string(len) + ") numbers");
      return;
    }
    for (std::size_t c = 0; c < len; ++c) {
      const json& v = j[i][c];
      if (!v.is_number() || !std::isfinite(v.get<double>())) {
        top.Fail(where + "[" + std::to_string(c) + "]", "is not a finite number");
        return;
      }
      m.at(i, c) = v.get<double>();
    }
  }
  out = std::move(m);
}

json ModelJsonValue(const Model& model) {
  const ShapeParams& p = model.params;
  const TrainingInfo& t = model.training;
  json centroids = json::array();
  for (std::size_t i = 0; i < model.centroids.rows(); ++i) {
    auto row = model.centroids.row(i);
    centroids.push_back(std::vector<double>(row.begin(), row.end()));
  }
  json j = {
      {"format", kModelFormat},
      {"version", kModelVersion},
      {"params",
       {{"segment_len", p.segment_len},
        {"hop", p.hop},
        {"window", WindowName(p.window)},
        {"normalize", NormalizationName(p.normalization)},
        {"error", ErrorStatisticName(p.error_statistic)}}},
      {"training",
       {{"samples", t.samples},
        {"slide", t.slide},
        {"segments", t.segments},
        {"clusters_requested", t.clusters_requested},
        {"clusters", model.centroids.rows()},
        {"n_init", t.n_init},
        {"max_iter", t.max_iter},
        {"tol", t.tol},
        {"seed", t.seed},
        {"inertia", t.inertia},
        {"iterations", t.iterations},
        {"mean", t.mean},
        {"stddev", t.stddev},
        {"min", t.min},
        {"max", t.max},
        {"notes", t.notes}}},
      {"calibration", SketchToJson(model.calibration)},
      {"smoothed_calibration", SketchToJson(model.smoothed_calibration)},
      {"flat_calibration", SketchToJson(model.flat_calibration)},
      {"centroids", std::move(centroids)},
  };
  if (model.fine_scale) j["fine_scale"] = ModelJsonValue(*model.fine_scale);
  return j;
}

// Whether `fine` (read without a fine scale of its own) can serve as
// `model`'s fine scale; "" when it can.
std::string FineScaleMismatch(const Model& model, const Model& fine) {
  if (fine.calibration.total() == 0.0) return "calibration is empty";
  // Its block over a hop's samples must be complete when the hop is final.
  const ShapeParams &m = model.params, &f = fine.params;
  if (m.hop % f.hop != 0 || f.segment_len >= m.segment_len ||
      m.hop - f.hop + f.segment_len > m.segment_len) {
    return "hop " + std::to_string(f.hop) + " / segment_len " + std::to_string(f.segment_len) +
           " do not fit within the model's (hop " + std::to_string(m.hop) + ", segment_len " +
           std::to_string(m.segment_len) + ")";
  }
  if (fine.params.error_statistic != model.params.error_statistic) {
    return "scores its error unlike the model";
  }
  return "";
}

Result<Model> ModelFromJsonValue(const json& j) {
  FieldReader top(j, "model");
  if (!top.error().empty()) return Error{"the file is not a JSON object"};
  const std::string format = top.String("format");
  if (top.error().empty() && format != kModelFormat) {
    return Error{"format is '" + format + "', expected '" + std::string(kModelFormat) + "'"};
  }
  const auto version = top.Count("version");
  if (top.error().empty() && version != kModelVersion) {
    return Error{"version " + std::to_string(version) + " is not supported (this build reads " +
                 std::to_string(kModelVersion) + ")"};
  }
  Model model;
  if (const json* p = top.Get("params")) ReadParams(*p, model.params, top);
  if (const json* t = top.Get("training")) ReadTraining(*t, model.training, top);
  if (const json* c = top.Get("calibration")) {
    ReadCalibration(*c, "calibration", model.calibration, top);
  }
  // Optional: files written before the smoothed score start it empty.
  if (auto it = j.find("smoothed_calibration"); it != j.end() && top.error().empty()) {
    ReadCalibration(*it, "smoothed_calibration", model.smoothed_calibration, top);
  }
  // Optional: files written before stuck values were scored start it empty.
  if (auto it = j.find("flat_calibration"); it != j.end() && top.error().empty()) {
    ReadCalibration(*it, "flat_calibration", model.flat_calibration, top);
  }
  if (const json* c = top.Get("centroids")) {
    if (top.error().empty()) ReadCentroids(*c, model.params.segment_len, model.centroids, top);
  }
  if (!top.error().empty()) {
    std::string e = top.error();
    while (!e.empty() && e.back() == ' ') e.pop_back();
    return Error{e};
  }
  // Optional: files written before the fine scale have none. Refused before
  // reading when nested, so a file cannot recurse deeper.
  if (auto it = j.find("fine_scale"); it != j.end()) {
    if (it->is_object() && it->contains("fine_scale")) {
      return Error{"fine_scale: has a fine scale of its own"};
    }
    Result<Model> fine = ModelFromJsonValue(*it);
    if (!fine.ok()) return Error{"fine_scale: " + fine.error()};
    if (std::string bad = FineScaleMismatch(model, *fine); !bad.empty()) {
      return Error{"fine_scale: " + bad};
    }
    model.fine_scale = std::make_shared<const Model>(std::move(*fine));
  }
  return model;
}

}  // namespace

std::string ModelToJson(const Model& model) { return ModelJsonValue(model).dump(1) + "\n"; }

Result<Model> ModelFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error{"not valid JSON"};
  return ModelFromJsonValue(j);
}

}  // namespace shapewatch
