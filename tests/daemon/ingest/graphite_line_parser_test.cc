#include "daemon/ingest/graphite_line_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace shapewatch {
namespace {

GraphiteSample ParseOk(std::string_view line) {
  ParsedLine parsed = ParseGraphiteLine(line);
  if (auto* failure = std::get_if<ParseFailure>(&parsed)) {
    ADD_FAILURE() << "'" << line << "': " << failure->message;
    return {};
  }
  return std::get<GraphiteSample>(parsed);
}

ParseError ParseFails(std::string_view line) {
  ParsedLine parsed = ParseGraphiteLine(line);
  if (auto* failure = std::get_if<ParseFailure>(&parsed)) {
    EXPECT_FALSE(failure->message.empty());
    return failure->reason;
  }
  ADD_FAILURE() << "'" << line << "' parsed";
  return ParseError::kLineTooLong;
}

TEST(GraphiteLineParser, ParsesPlainLine) {
  const GraphiteSample s = ParseOk("servers.web-01.cpu_load 0.75 1700000000");
  EXPECT_EQ(s.name, "servers.web-01.cpu_load");
  EXPECT_DOUBLE_EQ(s.value, 0.75);
  ASSERT_TRUE(s.timestamp.has_value());
  EXPECT_DOUBLE_EQ(*s.timestamp, 1700000000.0);
}

TEST(GraphiteLineParser, AcceptsTabsRunsAndSurroundingBlanks) {
  const GraphiteSample s = ParseOk("  a.b\t \t2  \t 10 \t");
  EXPECT_EQ(s.name, "a.b");
  EXPECT_DOUBLE_EQ(s.value, 2.0);
  EXPECT_DOUBLE_EQ(*s.timestamp, 10.0);
}

TEST(GraphiteLineParser, IgnoresTrailingCarriageReturn) {
  EXPECT_DOUBLE_EQ(*ParseOk("a 1 5\r").timestamp, 5.0);
  EXPECT_DOUBLE_EQ(*ParseOk("a 1 5 \r").timestamp, 5.0);
}

TEST(GraphiteLineParser, AcceptsFractionalTimestamp) {
  EXPECT_DOUBLE_EQ(*ParseOk("a 1 1700000000.25").timestamp, 1700000000.25);
}

TEST(GraphiteLineParser, MinusOneTimestampMeansNow) {
  EXPECT_FALSE(ParseOk("a 1 -1").timestamp.has_value());
  EXPECT_FALSE(ParseOk("a 1 -1.0").timestamp.has_value());
}

TEST(GraphiteLineParser, AcceptsNumberForms) {
  EXPECT_DOUBLE_EQ(ParseOk("a 1.5e3 1").value, 1500.0);
  EXPECT_DOUBLE_EQ(ParseOk("a -2E-2 1").value, -0.02);
  EXPECT_DOUBLE_EQ(ParseOk("a +7 1").value, 7.0);
  EXPECT_DOUBLE_EQ(ParseOk("a .5 1").value, 0.5);
  EXPECT_DOUBLE_EQ(ParseOk("a 42 1").value, 42.0);
}

TEST(GraphiteLineParser, HugeAndTinyValues) {
  EXPECT_DOUBLE_EQ(ParseOk("a 1.7e308 1").value, 1.7e308);
  EXPECT_DOUBLE_EQ(ParseOk("a -1.7e308 1").value, -1.7e308);
  EXPECT_EQ(ParseFails("a 1e309 1"), ParseError::kNonFinite);
  EXPECT_EQ(ParseFails("a -1e400 1"), ParseError::kNonFinite);
  EXPECT_EQ(ParseOk("a 1e-400 1").value, 0.0);  // underflow rounds to zero
  EXPECT_GT(ParseOk("a 1e-310 1").value, 0.0);  // subnormal kept
}

TEST(GraphiteLineParser, RejectsNonFiniteValues) {
  for (const char* v : {"nan", "NaN", "inf", "-inf", "+inf", "infinity", "-nan"}) {
    EXPECT_EQ(ParseFails(std::string("a ") + v + " 1"), ParseError::kNonFinite) << v;
  }
}

TEST(GraphiteLineParser, RejectsBadValues) {
  for (const char* v : {"abc", "1,5", "0x10", "1e", "--1", "+-1", "+", "1.2.3", "5kg"}) {
    EXPECT_EQ(ParseFails(std::string("a ") + v + " 1"), ParseError::kBadValue) << v;
  }
}

TEST(GraphiteLineParser, RejectsMissingAndExtraFields) {
  EXPECT_EQ(ParseFails(""), ParseError::kMissingField);
  EXPECT_EQ(ParseFails("a"), ParseError::kMissingField);
  EXPECT_EQ(ParseFails("a 1"), ParseError::kMissingField);
  EXPECT_EQ(ParseFails("a 1 2 3"), ParseError::kExtraField);
  EXPECT_EQ(ParseFails("a 1 2 host=x"), ParseError::kExtraField);
}

TEST(GraphiteLineParser, RejectsBadTimestamps) {
  for (const char* t : {"soon", "-2", "-0.5", "nan", "inf", "1e999", "12:00"}) {
    EXPECT_EQ(ParseFails(std::string("a 1 ") + t), ParseError::kBadTimestamp) << t;
  }
}

TEST(GraphiteLineParser, ChecksNames) {
  EXPECT_EQ(ParseOk("collectd.host_example_com.if-eth0.rx 1 1").name,
            "collectd.host_example_com.if-eth0.rx");
  EXPECT_EQ(ParseOk("a;tag=v 1 1").name, "a;tag=v");
  EXPECT_EQ(ParseOk(std::string(kMaxSeriesNameLength, 'n') + " 1 1").name.size(),
            kMaxSeriesNameLength);
  EXPECT_EQ(ParseFails(std::string(kMaxSeriesNameLength + 1, 'n') + " 1 1"), ParseError::kBadName);
  EXPECT_EQ(ParseFails("a\x01z 1 1"), ParseError::kBadName);
  EXPECT_EQ(ParseFails("a\rb 1 1"), ParseError::kBadName);
  EXPECT_EQ(ParseFails("caf\xc3\xa9 1 1"), ParseError::kBadName);
}

TEST(GraphiteLineParser, MessageQuotesFieldPrintably) {
  const auto parsed = ParseGraphiteLine("a\x07 1 1");
  const auto& failure = std::get<ParseFailure>(parsed);
  EXPECT_NE(failure.message.find("a\\x07"), std::string::npos) << failure.message;
}

TEST(GraphiteLineParser, LabelsAreDistinctSnakeCase) {
  EXPECT_EQ(ParseErrorLabel(ParseError::kMissingField), "missing_field");
  EXPECT_EQ(ParseErrorLabel(ParseError::kExtraField), "extra_field");
  EXPECT_EQ(ParseErrorLabel(ParseError::kBadValue), "bad_value");
  EXPECT_EQ(ParseErrorLabel(ParseError::kNonFinite), "non_finite");
  EXPECT_EQ(ParseErrorLabel(ParseError::kBadTimestamp), "bad_timestamp");
  EXPECT_EQ(ParseErrorLabel(ParseError::kBadName), "bad_name");
  EXPECT_EQ(ParseErrorLabel(ParseError::kLineTooLong), "line_too_long");
}

}  // namespace
}  // namespace shapewatch
