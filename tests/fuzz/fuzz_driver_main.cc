// A standalone stand-in for libFuzzer, for compilers without it (GCC): runs
// every seed input, then a fixed number of deterministic mutations of them,
// through the target's LLVMFuzzerTestOneInput. Same seed, same inputs, so a
// failure in CI reproduces locally; the input being run when the process dies
// is written to fuzz-crash-<pid> in the working directory.
//
//   fuzz_x [--iterations=N] [--seed=S] [--max-len=BYTES] [--timeout=SECONDS]
//          [--rss-limit-mb=MB] CORPUS_DIR_OR_FILE...
// The memory limit (RLIMIT_DATA, as libFuzzer's -rss_limit_mb) is not applied
// under ASan, whose shadow memory would exceed it; the timeout still is.
// Exit status: 0 when every input passed, else the failing signal or 1.
//   fuzz_x CRASH_FILE                 (re-runs one input)
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <new>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fuzz/fuzz_mutator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" void __sanitizer_set_death_callback(void (*)(void)) __attribute__((weak));

namespace {

struct Options {
  std::size_t iterations = 20000;
  std::uint64_t seed = 1;
  std::size_t max_len = 64 * 1024;
  unsigned timeout = 10;  // seconds one input may take; then it counts as a crash
  std::uint64_t rss_limit_mb = 2048;
  std::vector<std::string> paths;
};

const std::string* g_current = nullptr;  // the input being run, for DumpCurrent

// Async-signal-safe: open/write/close only.
void DumpCurrent() {
  if (g_current == nullptr) return;
  char name[64] = "fuzz-crash-";
  std::size_t len = 11;
  char digits[24];
  std::size_t n = 0;
  for (long pid = static_cast<long>(getpid()); pid > 0 && n < sizeof digits; pid /= 10) {
    digits[n++] = static_cast<char>('0' + pid % 10);
  }
  while (n > 0) name[len++] = digits[--n];
  name[len] = '\0';
  const int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  const ssize_t written = write(fd, g_current->data(), g_current->size());
  (void)written;
  close(fd);
  const char note[] = "fuzz driver: input written to fuzz-crash-<pid>\n";
  (void)!write(2, note, sizeof note - 1);
}

void OnFatalSignal(int sig) {
  DumpCurrent();
  signal(sig, SIG_DFL);
  raise(sig);
}

void OnTimeout(int) {
  const char note[] = "fuzz driver: input took longer than --timeout\n";
  (void)!write(2, note, sizeof note - 1);
  DumpCurrent();
  _exit(1);
}

void InstallCrashDump() {
  for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGILL, SIGBUS}) signal(sig, OnFatalSignal);
  signal(SIGALRM, OnTimeout);
  if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(DumpCurrent);
}

// Sanitizers reserve huge address ranges up front; an RLIMIT_DATA would
// starve them, so they run without it (as libFuzzer does).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SHAPEWATCH_FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SHAPEWATCH_FUZZ_ASAN 1
#endif
#endif

// Running out is a failure of the input, as with libFuzzer's -rss_limit_mb,
// even where the code under test would catch std::bad_alloc.
void OnOutOfMemory() {
  const char note[] = "fuzz driver: out of memory (over --rss-limit-mb)\n";
  (void)!write(2, note, sizeof note - 1);
  DumpCurrent();
  _exit(1);
}

void LimitMemory(std::uint64_t megabytes) {
  std::set_new_handler(OnOutOfMemory);
#ifndef SHAPEWATCH_FUZZ_ASAN
  const rlim_t bytes = static_cast<rlim_t>(megabytes) << 20;
  const rlimit limit{bytes, bytes};
  setrlimit(RLIMIT_DATA, &limit);
#else
  (void)megabytes;
#endif
}

bool ParseFlag(std::string_view arg, std::string_view name, std::uint64_t& out) {
  if (arg.substr(0, name.size()) != name) return false;
  out = std::strtoull(std::string(arg.substr(name.size())).c_str(), nullptr, 10);
  return true;
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::uint64_t v = 0;
    if (ParseFlag(arg, "--iterations=", v)) {
      o.iterations = v;
    } else if (ParseFlag(arg, "--seed=", v)) {
      o.seed = v;
    } else if (ParseFlag(arg, "--max-len=", v)) {
      o.max_len = v;
    } else if (ParseFlag(arg, "--timeout=", v)) {
      o.timeout = static_cast<unsigned>(v);
    } else if (ParseFlag(arg, "--rss-limit-mb=", v)) {
      o.rss_limit_mb = v;
    } else {
      o.paths.emplace_back(arg);
    }
  }
  return o;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Files of each path (a directory's regular files in name order).
std::vector<std::string> LoadInputs(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const std::string& p : paths) {
    if (!std::filesystem::is_directory(p)) {
      files.emplace_back(p);
      continue;
    }
    std::vector<std::filesystem::path> in_dir;
    for (const auto& entry : std::filesystem::directory_iterator(p)) {
      if (entry.is_regular_file()) in_dir.push_back(entry.path());
    }
    std::sort(in_dir.begin(), in_dir.end());
    files.insert(files.end(), in_dir.begin(), in_dir.end());
  }
  std::vector<std::string> inputs;
  for (const auto& f : files) inputs.push_back(ReadAll(f));
  return inputs;
}

// Runs one input from an exactly-sized heap copy, so ASan sees overreads.
void RunOne(const std::string& input, unsigned timeout) {
  g_current = &input;
  alarm(timeout);
  std::vector<std::uint8_t> copy(input.begin(), input.end());
  LLVMFuzzerTestOneInput(copy.empty() ? nullptr : copy.data(), copy.size());
  alarm(0);
  g_current = nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  InstallCrashDump();
  if (options.rss_limit_mb > 0) LimitMemory(options.rss_limit_mb);
  std::vector<std::string> inputs = LoadInputs(options.paths);
  if (inputs.empty()) inputs.emplace_back();
  for (const std::string& input : inputs) RunOne(input, options.timeout);
  const bool single_file =
      options.paths.size() == 1 && !std::filesystem::is_directory(options.paths[0]);
  if (single_file) return 0;
  shapewatch::fuzz::Mutator mutator(options.seed, options.max_len);
  for (std::size_t i = 0; i < options.iterations; ++i)
    RunOne(mutator.Next(inputs), options.timeout);
  std::printf("fuzz driver: %zu seed inputs, %zu mutations, no crash\n", inputs.size(),
              options.iterations);
  return 0;
}
