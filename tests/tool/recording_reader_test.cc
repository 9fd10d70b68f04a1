#include "daemon/io/recording_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/tool/tool_runner.h"

namespace shapewatch {
namespace {

using Samples = std::vector<double>;
constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();

Samples Csv(std::string_view text, std::string_view column = "0", std::size_t limit = kAll) {
  Result<Samples> r = ParseCsvRecording(text, column, limit, "rec.csv");
  EXPECT_TRUE(r.ok()) << r.error();
  return r.ok() ? *r : Samples{};
}

std::string CsvError(std::string_view text, std::string_view column = "0") {
  Result<Samples> r = ParseCsvRecording(text, column, kAll, "rec.csv");
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error();
}

TEST(CsvRecording, ReadsHeaderlessSingleColumn) {
  EXPECT_EQ(Csv("1\n-2.5\n3e2\n"), (Samples{1, -2.5, 300}));
}

TEST(CsvRecording, SkipsHeaderDetectedByNonNumericField) {
  EXPECT_EQ(Csv("value\n67\n68\n"), (Samples{67, 68}));
}

TEST(CsvRecording, SelectsColumnByNameOrIndex) {
  const std::string text = "time,ecg,abp\n0,1.5,80\n1,2.5,81\n";
  EXPECT_EQ(Csv(text, "abp"), (Samples{80, 81}));
  EXPECT_EQ(Csv(text, "1"), (Samples{1.5, 2.5}));
  EXPECT_EQ(Csv("\"t\",\"v\"\n0,7\n", "v"), (Samples{7}));
}

TEST(CsvRecording, AcceptsCrlfSpacesAndNoFinalNewline) {
  EXPECT_EQ(Csv("v\r\n1\r\n 2 \r\n+3"), (Samples{1, 2, 3}));
  EXPECT_EQ(Csv("1\n2\n\n\n"), (Samples{1, 2}));
}

TEST(CsvRecording, StopsAtLimitWithoutParsingTheRest) {
  EXPECT_EQ(Csv("v\n1\n2\nnot-a-number\n", "0", 2), (Samples{1, 2}));
}

TEST(CsvRecording, NonNumberNamesFileAndLine) {
  EXPECT_EQ(CsvError("v\n1\nabc\n"), "rec.csv:3: not a number: 'abc'");
  EXPECT_EQ(CsvError("1\n2x\n"), "rec.csv:2: not a number: '2x'");
}

TEST(CsvRecording, NanAndInfinityAreErrors) {
  EXPECT_EQ(CsvError("v\n1\nnan\n"), "rec.csv:3: not a finite number: 'nan'");
  EXPECT_EQ(CsvError("1\n-inf\n"), "rec.csv:2: not a finite number: '-inf'");
  EXPECT_EQ(CsvError("1\n1e999\n"), "rec.csv:2: not a finite number: '1e999'");
}

TEST(CsvRecording, MissingColumnNamesLine) {
  EXPECT_EQ(CsvError("a,b\n1,2\n3\n", "1"), "rec.csv:3: missing column 1 (the line has 1 field)");
  EXPECT_EQ(CsvError("a,b\n1,2\n", "c"), "rec.csv:1: the header has no column named 'c'");
  EXPECT_EQ(CsvError("1,2\n", "b"), "rec.csv:1: no header line, so there is no column named 'b'");
}

TEST(CsvRecording, EmptyInputsAreErrors) {
  EXPECT_EQ(CsvError(""), "rec.csv:1: empty file: no samples");
  EXPECT_EQ(CsvError("\r\n\n"), "rec.csv:1: empty file: no samples");
  EXPECT_EQ(CsvError("value\n"), "rec.csv:2: no samples after the header");
  EXPECT_EQ(CsvError("1\n\n2\n"), "rec.csv:2: empty line");
}

TEST(Int16leRecording, DecodesSignedLittleEndian) {
  const std::string bytes("\x01\x00\xff\xff\x00\x80\xff\x7f", 8);
  Result<Samples> r = ParseInt16leRecording(bytes, kAll, "a.dat");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, (Samples{1, -1, -32768, 32767}));
  EXPECT_EQ(*ParseInt16leRecording(bytes, 2, "a.dat"), (Samples{1, -1}));
}

TEST(Int16leRecording, OddLengthAndEmptyAreErrors) {
  EXPECT_EQ(ParseInt16leRecording(std::string_view("\x01\x00\x02", 3), kAll, "a.dat").error(),
            "a.dat: odd size of 3 bytes: int16le samples are 2 bytes each");
  EXPECT_EQ(ParseInt16leRecording("", kAll, "a.dat").error(), "a.dat: empty file: no samples");
}

TEST(RecordingFormat, FromNameAndExtension) {
  EXPECT_EQ(ParseRecordingFormat("int16le"), RecordingFormat::kInt16le);
  EXPECT_FALSE(ParseRecordingFormat("wav"));
  EXPECT_EQ(FormatFromPath("x/a.csv"), RecordingFormat::kCsv);
  EXPECT_EQ(FormatFromPath("a02.dat"), RecordingFormat::kInt16le);
  EXPECT_FALSE(FormatFromPath("dir.d/recording"));
}

TEST(ReadRecording, BundledCsvAndInt16leAgree) {
  RecordingOptions csv{RecordingFormat::kCsv, "value", 5000};
  RecordingOptions raw{RecordingFormat::kInt16le, "0", 5000};
  Result<Samples> a = ReadRecording(testing::DataFile("ecg_mcl1_500hz.csv"), csv);
  Result<Samples> b = ReadRecording(testing::DataFile("ecg_mcl1_500hz.int16le"), raw);
  ASSERT_TRUE(a.ok()) << a.error();
  ASSERT_TRUE(b.ok()) << b.error();
  EXPECT_EQ(a->size(), 5000u);
  EXPECT_EQ(*a, *b);
}

TEST(ReadRecording, MissingFileNamesPathAndReason) {
  Result<Samples> r = ReadRecording("/nonexistent/rec.csv", RecordingOptions{});
  EXPECT_EQ(r.error(), "/nonexistent/rec.csv: No such file or directory");
}

}  // namespace
}  // namespace shapewatch
