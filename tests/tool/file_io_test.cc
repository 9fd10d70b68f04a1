#include "daemon/io/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/tool/tool_runner.h"

namespace shapewatch {
namespace {

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(FileIo, ReadFileReturnsExactBytes) {
  testing::TempDir dir;
  const std::string contents("a\0b\r\n", 5);
  testing::WriteAll(dir.File("f"), contents);
  Result<std::string> r = ReadFile(dir.File("f"));
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, contents);
}

TEST(FileIo, ReadFileErrorNamesPathAndReason) {
  EXPECT_EQ(ReadFile("/nonexistent/f").error(), "/nonexistent/f: No such file or directory");
}

TEST(FileIo, WriteAtomicallyReplacesContentAndLeavesNoTemporaryFile) {
  testing::TempDir dir;
  const std::string path = dir.File("model.json");
  ASSERT_TRUE(WriteFileAtomically(path, "old contents").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "new").ok());
  EXPECT_EQ(testing::ReadAll(path), "new");
  EXPECT_EQ(Entries(dir.path()), std::vector<std::string>{"model.json"});
}

TEST(FileIo, FailedRenameKeepsTargetAndRemovesTemporaryFile) {
  testing::TempDir dir;
  const std::string target = dir.File("busy");
  std::filesystem::create_directory(target);
  testing::WriteAll(target + "/inside", "x");
  Status s = WriteFileAtomically(target, "data");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find(target + ": "), std::string::npos) << s.error();
  EXPECT_EQ(Entries(dir.path()), std::vector<std::string>{"busy"});
  EXPECT_EQ(testing::ReadAll(target + "/inside"), "x");
}

TEST(FileIo, MissingDirectoryIsAnErrorNamingIt) {
  Status s = WriteFileAtomically("/nonexistent/dir/f", "data");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("/nonexistent/dir/"), std::string::npos) << s.error();
  EXPECT_NE(s.error().find("No such file or directory"), std::string::npos) << s.error();
}

TEST(FileIo, UnwritableDirectoryLeavesOldFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes to read-only directories";
  testing::TempDir dir;
  const std::string path = dir.File("model.json");
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  ::chmod(dir.path().c_str(), 0555);
  Status s = WriteFileAtomically(path, "new");
  ::chmod(dir.path().c_str(), 0755);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("Permission denied"), std::string::npos) << s.error();
  EXPECT_EQ(testing::ReadAll(path), "old");
  EXPECT_EQ(Entries(dir.path()), std::vector<std::string>{"model.json"});
}

}  // namespace
}  // namespace shapewatch
