// YAML::LoadAll is not used: yaml-cpp 0.7 loops forever, allocating empty
// documents, on a stray ',' at the top level (found by config_fuzzer). A
// parse that only counts document starts, stopped at the second, is safe.
#include "config/yaml_document.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <string>

#include "config/yaml_reader.h"

namespace shapewatch::config_internal {
namespace {

// Ignores every event but the start of a document, whose mark it keeps.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (count++ == 0) first_start = mark;
    last_start = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  int count = 0;
  YAML::Mark first_start, last_start;
};

void RejectSecondDocument(std::string_view yaml, std::string_view file) {
  std::istringstream in{std::string(yaml)};
  YAML::Parser parser(in);
  DocumentStarts starts;
  if (!parser.HandleNextDocument(starts) || !parser.HandleNextDocument(starts)) {
    return;
  }
  // A parser that did not move on is stuck on text that starts nothing.
  bool stuck = starts.last_start.pos == starts.first_start.pos;
  FailAt(file, starts.last_start,
         stuck ? "unexpected character: expected a key, a list or a document"
               : "more than one YAML document (remove the '---')");
}

}  // namespace

YAML::Node LoadSingleDocument(std::string_view yaml, std::string_view file) {
  RejectSecondDocument(yaml, file);
  return YAML::Load(std::string(yaml));
}

}  // namespace shapewatch::config_internal
