#include "daemon/tool/command_line.h"

#include <gtest/gtest.h>

namespace shapewatch::tool {
namespace {

const OptionSpec kSpecs[] = {
    {"input", "FILE", "the input"},
    {"limit", "N", "a count"},
    {"tol", "T", "a number"},
    {"udp", "", "a flag"},
};

CommandLine Parse(std::vector<std::string> args, std::size_t positionals = 0) {
  return CommandLine::Parse(args, kSpecs, positionals);
}

std::string UsageMessage(std::vector<std::string> args) {
  try {
    Parse(std::move(args));
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(CommandLine, ParsesSeparateAndJoinedValuesFlagsAndPositionals) {
  const CommandLine line = Parse({"--input", "a.csv", "--limit=5", "--udp", "m.json"}, 1);
  EXPECT_EQ(line.Require("input"), "a.csv");
  EXPECT_EQ(line.GetSize("limit", 0), 5u);
  EXPECT_TRUE(line.Has("udp"));
  EXPECT_EQ(line.positionals(), std::vector<std::string>{"m.json"});
  EXPECT_EQ(line.GetDouble("tol", 0.5), 0.5);
}

TEST(CommandLine, UsageErrorsNameTheOption) {
  EXPECT_EQ(UsageMessage({"--bogus"}), "unknown option '--bogus'");
  EXPECT_EQ(UsageMessage({"-x"}), "unknown option '-x'");
  EXPECT_EQ(UsageMessage({"--input"}), "--input needs a value (FILE)");
  EXPECT_EQ(UsageMessage({"--udp=1"}), "--udp takes no value");
  EXPECT_EQ(UsageMessage({"--limit", "1", "--limit", "2"}), "--limit given twice");
  EXPECT_EQ(UsageMessage({"extra"}), "unexpected argument 'extra'");
}

TEST(CommandLine, BadNumbersAreUsageErrors) {
  EXPECT_THROW(Parse({"--limit", "12x"}).GetSize("limit", 0), UsageError);
  EXPECT_THROW(Parse({"--limit", "-1"}).GetSize("limit", 0), UsageError);
  EXPECT_THROW(Parse({"--limit", "0"}).GetSize("limit", 0, 1), UsageError);
  EXPECT_THROW(Parse({"--tol", "nan"}).GetDouble("tol", 0), UsageError);
  EXPECT_THROW(Parse({"--tol", "-2"}).GetDouble("tol", 0, true), UsageError);
  EXPECT_THROW(Parse({}).Require("input"), UsageError);
  try {
    Parse({"--limit", "abc"}).GetSize("limit", 0);
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "--limit: expected a non-negative integer, got 'abc'");
  }
}

}  // namespace
}  // namespace shapewatch::tool
