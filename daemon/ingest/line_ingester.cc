#include "daemon/ingest/line_ingester.h"

#include <utility>

namespace shapewatch {
namespace {

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

LineIngester::LineIngester(IngestProtocol protocol, IngestTarget target)
    : protocol_(protocol),
      target_(std::move(target)),
      received_(target_.metrics.received(protocol)) {}

void LineIngester::Ingest(std::string_view line, LineSource& source,
                          std::vector<IngestedSample>& out) {
  if (IsBlank(line)) return;
  ParsedLine parsed = ParseGraphiteLine(line);
  if (auto* failure = std::get_if<ParseFailure>(&parsed)) {
    CountMalformed(failure->reason, failure->message, source);
    return;
  }
  const auto& sample = std::get<GraphiteSample>(parsed);
  received_.Increment();
  const auto id = target_.series.Intern(sample.name);
  if (!id) {
    CountRefused(sample.name, source);
    return;
  }
  const double timestamp = sample.timestamp ? *sample.timestamp : target_.now();
  out.push_back(IngestedSample{*id, timestamp, sample.value});
}

void LineIngester::CountLineTooLong(LineSource& source, std::size_t max_line_length) {
  CountMalformed(ParseError::kLineTooLong,
                 "line longer than " + std::to_string(max_line_length) + " bytes", source);
}

void LineIngester::CountMalformed(ParseError reason, const std::string& message,
                                  LineSource& source) {
  target_.metrics.error(protocol_, reason).Increment();
  if (source.malformed_logged) return;
  source.malformed_logged = true;
  Log("warning", source.describe() + ": skipped a malformed line (" +
                     std::string(ParseErrorLabel(reason)) + "): " + message +
                     "; further ones are only counted");
}

void LineIngester::CountRefused(std::string_view name, const LineSource& source) {
  target_.metrics.dropped_series_limit().Increment();
  if (series_limit_logged_) return;
  series_limit_logged_ = true;
  Log("warning", source.describe() + ": series limit of " +
                     std::to_string(target_.series.max_series()) +
                     " reached, refusing new series such as '" + std::string(name) +
                     "'; further refusals are only counted");
}

void LineIngester::Log(std::string_view level, const std::string& message) const {
  if (target_.log) target_.log(level, message);
}

}  // namespace shapewatch
