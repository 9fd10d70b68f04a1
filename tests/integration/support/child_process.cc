#include "tests/integration/support/child_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

extern char** environ;

namespace shapewatch::testing {
namespace {

std::vector<char*> CStrings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

int Spawn(std::vector<std::string> argv, const std::vector<std::string>& extra_env, int stdin_fd,
          int out_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdin_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
  std::vector<std::string> env = Environment(extra_env);
  auto cargv = CStrings(argv);
  auto cenv = CStrings(env);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, std::vector<std::string> extra_env) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return;
  pid_ = Spawn(std::move(argv), extra_env, -1, fds[1]);
  close(fds[1]);
  const int read_fd = fds[0];
  reader_ = std::thread([this, read_fd] { ReadLoop(read_fd); });
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    bool running;
    {
      std::lock_guard lock(mutex_);
      running = !status_.has_value();
    }
    if (running) {
      kill(pid_, SIGKILL);
      WaitExit(std::chrono::seconds(10));
    }
  }
  if (reader_.joinable()) reader_.join();
}

void ChildProcess::ReadLoop(int fd) {
  std::string partial;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    partial.append(buf, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = partial.find('\n')) != std::string::npos) {
      {
        std::lock_guard lock(mutex_);
        lines_.push_back(partial.substr(0, nl));
      }
      changed_.notify_all();
      partial.erase(0, nl + 1);
    }
  }
  close(fd);
  {
    std::lock_guard lock(mutex_);
    if (!partial.empty()) lines_.push_back(partial);
    eof_ = true;
  }
  changed_.notify_all();
}

std::optional<std::string> ChildProcess::WaitForLine(
    const std::function<bool(const std::string&)>& match, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::size_t checked = 0;
  std::optional<std::string> found;
  changed_.wait_for(lock, timeout, [&] {
    for (; checked < lines_.size(); ++checked) {
      if (match(lines_[checked])) {
        found = lines_[checked];
        return true;
      }
    }
    return eof_;
  });
  return found;
}

std::vector<std::string> ChildProcess::Lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

std::string ChildProcess::Output() const {
  std::string out;
  for (const auto& l : Lines()) out += l + "\n";
  return out;
}

void ChildProcess::Signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

std::optional<int> ChildProcess::WaitExit(std::chrono::milliseconds timeout) {
  {
    std::lock_guard lock(mutex_);
    if (status_) return status_;
  }
  // The reader sees EOF when the child (and anything holding its pipe) exits.
  {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return eof_; });
  }
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) break;
    if (r < 0 || std::chrono::steady_clock::now() > deadline) return std::nullopt;
    // EOF came first but the exit status is not reaped yet: wait briefly.
    poll(nullptr, 0, 5);
  }
  std::lock_guard lock(mutex_);
  status_ = DecodeStatus(status);
  return status_;
}

RunResult RunProgram(std::vector<std::string> argv, const std::string& stdin_text,
                     std::chrono::milliseconds timeout) {
  TempDir dir;
  dir.Write("stdin", stdin_text);
  const int in = open(dir.File("stdin").c_str(), O_RDONLY | O_CLOEXEC);
  int fds[2];
  if (in < 0 || pipe2(fds, O_CLOEXEC) != 0) return {};
  const int pid = Spawn(std::move(argv), {}, in, fds[1]);
  close(fds[1]);
  close(in);
  RunResult result;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0)
    result.output.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid) result.status = DecodeStatus(status);
  (void)timeout;
  return result;
}

std::map<int, std::uint64_t> ThreadSignalMasks(int pid) {
  std::map<int, std::uint64_t> masks;
  const auto tasks = std::filesystem::path("/proc") / std::to_string(pid) / "task";
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator(tasks, ec)) {
    std::ifstream status(task.path() / "status");
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("SigBlk:", 0) == 0) {
        masks[std::stoi(task.path().filename())] = std::stoull(line.substr(7), nullptr, 16);
      }
    }
  }
  return masks;
}

namespace {
constexpr std::uint64_t kStopAndReload =
    (1ull << (SIGINT - 1)) | (1ull << (SIGTERM - 1)) | (1ull << (SIGHUP - 1));
}  // namespace

bool BlocksStopAndReload(std::uint64_t mask) { return (mask & kStopAndReload) == kStopAndReload; }
bool TakesStopAndReload(std::uint64_t mask) { return (mask & kStopAndReload) == 0; }

int FreeTcpPort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

TempDir::TempDir() {
  std::string tmpl = std::filesystem::temp_directory_path().string() + "/shapewatch-test-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void TempDir::Write(const std::string& name, const std::string& contents) const {
  std::ofstream(File(name), std::ios::binary) << contents;
}

}  // namespace shapewatch::testing
