#include "daemon/tool/model_file.h"

#include "core/model_json.h"
#include "daemon/io/file_io.h"

namespace shapewatch::tool {

Result<Model> LoadModelFile(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return Error{text.error()};
  Result<Model> model = ModelFromJson(*text);
  if (!model.ok()) return Error{path + ": " + model.error()};
  return model;
}

}  // namespace shapewatch::tool
