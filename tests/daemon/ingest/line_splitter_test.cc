#include "daemon/ingest/line_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shapewatch {
namespace {

struct Split {
  std::vector<std::string> lines;
  int too_long = 0;
};

Split FeedPieces(LineSplitter& splitter, const std::vector<std::string_view>& pieces) {
  Split out;
  for (auto piece : pieces) {
    splitter.Feed(
        piece, [&](std::string_view line) { out.lines.emplace_back(line); },
        [&] { ++out.too_long; });
  }
  return out;
}

TEST(LineSplitter, SplitsAtEveryBytePosition) {
  const std::string text = "a.b 1 10\r\nc 2 20\n\nd 3 30\n";
  const std::vector<std::string> expected = {"a.b 1 10\r", "c 2 20", "", "d 3 30"};
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    for (std::size_t cut2 = cut; cut2 <= text.size(); ++cut2) {
      LineSplitter splitter(64);
      const std::string_view t(text);
      const Split out =
          FeedPieces(splitter, {t.substr(0, cut), t.substr(cut, cut2 - cut), t.substr(cut2)});
      EXPECT_EQ(out.lines, expected) << cut << "," << cut2;
    }
  }
}

TEST(LineSplitter, SkipsOverLongLineAndKeepsNext) {
  LineSplitter splitter(8);
  const std::string long_line(100, 'x');
  const Split out = FeedPieces(
      splitter, {"ok 1 1\n", long_line.substr(0, 50), long_line.substr(50) + "\nb 2 2\n"});
  EXPECT_EQ(out.too_long, 1);
  EXPECT_EQ(out.lines, (std::vector<std::string>{"ok 1 1", "b 2 2"}));
}

TEST(LineSplitter, LineOfExactlyMaxLengthIsKept) {
  LineSplitter splitter(6);
  const Split out = FeedPieces(splitter, {"abc", "def\nabcdefg\n"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"abcdef"}));
  EXPECT_EQ(out.too_long, 1);
}

TEST(LineSplitter, FinishEmitsUnterminatedTail) {
  LineSplitter splitter(64);
  Split out = FeedPieces(splitter, {"a 1 1\nb 2"});
  splitter.Finish([&](std::string_view line) { out.lines.emplace_back(line); });
  EXPECT_EQ(out.lines, (std::vector<std::string>{"a 1 1", "b 2"}));
}

TEST(LineSplitter, FinishAfterOverLongTailEmitsNothing) {
  LineSplitter splitter(4);
  Split out = FeedPieces(splitter, {"abcdefgh"});
  splitter.Finish([&](std::string_view line) { out.lines.emplace_back(line); });
  EXPECT_TRUE(out.lines.empty());
  EXPECT_EQ(out.too_long, 1);
  out = FeedPieces(splitter, {"ab\n"});  // a fresh stream after Finish
  EXPECT_EQ(out.lines, (std::vector<std::string>{"ab"}));
}

}  // namespace
}  // namespace shapewatch
