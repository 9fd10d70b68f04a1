// GlobMatch: '*' any run of characters (dots included), '?' one character.
#include <gtest/gtest.h>

#include <string>

#include "config/daemon_config.h"

namespace shapewatch {
namespace {

TEST(GlobMatch, StarMatchesEverythingIncludingEmpty) {
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("*", "a"));
  EXPECT_TRUE(GlobMatch("*", "servers.web1.cpu"));
  EXPECT_TRUE(GlobMatch("**", ""));
}

TEST(GlobMatch, QuestionMarkMatchesExactlyOneCharacter) {
  EXPECT_TRUE(GlobMatch("?", "a"));
  EXPECT_FALSE(GlobMatch("?", ""));
  EXPECT_FALSE(GlobMatch("?", "ab"));
  EXPECT_TRUE(GlobMatch("web?.cpu", "web1.cpu"));
  EXPECT_FALSE(GlobMatch("web?.cpu", "web12.cpu"));
  EXPECT_FALSE(GlobMatch("*?", ""));
}

TEST(GlobMatch, LiteralMatchesOnlyItself) {
  EXPECT_TRUE(GlobMatch("a.b", "a.b"));
  EXPECT_FALSE(GlobMatch("a.b", "a.bc"));
  EXPECT_FALSE(GlobMatch("a.b", "A.b"));
}

TEST(GlobMatch, PrefixAndSuffix) {
  EXPECT_TRUE(GlobMatch("servers.*", "servers.web1.cpu"));
  EXPECT_FALSE(GlobMatch("servers.*", "server"));
  EXPECT_TRUE(GlobMatch("*.cpu", "servers.web1.cpu"));
  EXPECT_FALSE(GlobMatch("*.cpu", "servers.cpu.idle"));
}

TEST(GlobMatch, StarInTheMiddleSpansDots) {
  EXPECT_TRUE(GlobMatch("a.*.b", "a.x.b"));
  EXPECT_TRUE(GlobMatch("a.*.b", "a.x.y.b"));
  EXPECT_TRUE(GlobMatch("a.*.b", "a..b"));
  EXPECT_FALSE(GlobMatch("a.*.b", "a.b"));
  EXPECT_FALSE(GlobMatch("a.*.b", "a.x.bc"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXbYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "acb"));
}

TEST(GlobMatch, EmptyNameAndEmptyPattern) {
  EXPECT_TRUE(GlobMatch("", ""));
  EXPECT_FALSE(GlobMatch("", "a"));
  EXPECT_FALSE(GlobMatch("a", ""));
}

TEST(GlobMatch, PathologicalPatternDoesNotBlowUp) {
  const std::string as(100000, 'a');
  EXPECT_FALSE(GlobMatch("*a*a*a*a*b", as));
  EXPECT_TRUE(GlobMatch("*a*a*a*a*a", as));
  EXPECT_FALSE(GlobMatch("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", as));
}

}  // namespace
}  // namespace shapewatch
