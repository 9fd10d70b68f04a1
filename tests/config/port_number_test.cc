// ParsePortNumber: decimal ports shared by listen addresses and URLs.
#include "config/port_number.h"

#include <gtest/gtest.h>

namespace shapewatch {
namespace {

using Problem = PortNumber::Problem;

TEST(ParsePortNumber, DigitsUpTo65535) {
  for (const auto& [text, value] :
       {std::pair{"0", 0}, {"80", 80}, {"09093", 9093}, {"65535", 65535}}) {
    const PortNumber p = ParsePortNumber(text);
    EXPECT_EQ(p.problem, Problem::kNone) << text;
    EXPECT_EQ(p.value, value) << text;
  }
}

TEST(ParsePortNumber, NamesWhatIsWrong) {
  for (const char* text : {"", "x", "-1", "+80", "80a", " 80", "8 0", "1.5"}) {
    EXPECT_EQ(ParsePortNumber(text).problem, Problem::kNotANumber) << "'" << text << "'";
  }
  for (const char* text : {"65536", "99999", "99999999999999999999"}) {
    EXPECT_EQ(ParsePortNumber(text).problem, Problem::kOutOfRange) << text;
  }
}

}  // namespace
}  // namespace shapewatch
