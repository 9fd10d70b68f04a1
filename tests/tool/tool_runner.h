// Test helpers: run the real shapewatch binary and capture what it prints,
// and a private temporary directory per test.
#pragma once

#include <string>
#include <vector>

namespace shapewatch::testing {

struct ToolRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs build/daemon/tool/shapewatch with `args` and waits for it to exit.
ToolRun RunTool(const std::vector<std::string>& args);

// A fresh directory, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string ReadAll(const std::string& path);
void WriteAll(const std::string& path, const std::string& contents);
std::string DataFile(const std::string& name);  // tests/data/<name>

}  // namespace shapewatch::testing
