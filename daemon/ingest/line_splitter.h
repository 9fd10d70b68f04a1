// LineSplitter: cuts a byte stream that arrives in arbitrary pieces into
// '\n'-terminated lines of at most max_line_length bytes (counted before
// the '\n', so a '\r' counts). A longer line is reported once as too long
// and skipped up to its '\n' without being buffered, so memory per
// connection stays bounded by max_line_length.
// One per stream; not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace shapewatch {

class LineSplitter {
 public:
  explicit LineSplitter(std::size_t max_line_length) : max_line_length_(max_line_length) {}

  // Calls on_line(std::string_view) for each complete line in `data` (the
  // view is valid only during the call) and on_too_long() for each
  // over-long one; keeps an incomplete tail for the next call.
  template <typename OnLine, typename OnTooLong>
  void Feed(std::string_view data, OnLine&& on_line, OnTooLong&& on_too_long) {
    while (!data.empty()) {
      const std::size_t newline = data.find('\n');
      const bool complete = newline != std::string_view::npos;
      const std::string_view piece = data.substr(0, newline);
      data.remove_prefix(complete ? newline + 1 : data.size());
      Take(piece, complete, on_line, on_too_long);
    }
  }

  // End of stream (or of a datagram): the unterminated tail, if any, is a
  // line too.
  template <typename OnLine>
  void Finish(OnLine&& on_line) {
    if (!discarding_ && !partial_.empty()) on_line(std::string_view(partial_));
    partial_.clear();
    discarding_ = false;
  }

  // Forgets an incomplete tail (e.g. when a connection stops mid-line).
  void Reset() {
    partial_.clear();
    discarding_ = false;
  }

 private:
  template <typename OnLine, typename OnTooLong>
  void Take(std::string_view piece, bool complete, OnLine& on_line, OnTooLong& on_too_long) {
    if (discarding_) {
      discarding_ = !complete;
      return;
    }
    if (partial_.size() + piece.size() > max_line_length_) {
      partial_.clear();
      discarding_ = !complete;
      on_too_long();
      return;
    }
    if (!complete) {
      partial_.append(piece);
    } else if (partial_.empty()) {
      on_line(piece);
    } else {
      partial_.append(piece);
      on_line(std::string_view(partial_));
      partial_.clear();
    }
  }

  const std::size_t max_line_length_;
  std::string partial_;      // start of the current line, never over the max
  bool discarding_ = false;  // inside an over-long line, until its '\n'
};

}  // namespace shapewatch
