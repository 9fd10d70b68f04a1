#include "daemon/io/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace shapewatch {
namespace {

std::string ErrnoMessage(const std::string& path, int error) {
  return path + ": " + std::strerror(error);
}

// Closes the descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the result (close can report a deferred write
  // error).
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string DirectoryOf(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

// A name no other writer (thread or process) uses at the same time.
std::string TemporaryNameFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path p(path);
  std::string name(1, '.');  // built by appending: GCC 12 warns on "." + string
  name.append(p.filename().string()).append(".tmp.");
  name.append(std::to_string(::getpid())).append(".").append(std::to_string(counter++));
  return (p.parent_path() / name).string();
}

Status SyncDirectory(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Status::Fail(ErrnoMessage(dir, errno));
  if (::fsync(fd.get()) != 0) return Status::Fail(ErrnoMessage(dir, errno));
  return Status::Ok();
}

// Writes and syncs `tmp`; the caller removes it on failure.
Status WriteAndSync(const std::string& tmp, std::string_view contents) {
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (fd.get() < 0) return Status::Fail(ErrnoMessage(tmp, errno));
  if (!WriteAll(fd.get(), contents) || ::fsync(fd.get()) != 0 || fd.Close() != 0) {
    return Status::Fail(ErrnoMessage(tmp, errno));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> ReadFile(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Error{ErrnoMessage(path, errno)};
  std::string contents;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{ErrnoMessage(path, errno)};
    if (n == 0) return contents;
    contents.append(buffer, static_cast<std::size_t>(n));
  }
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  const std::string tmp = TemporaryNameFor(path);
  if (Status written = WriteAndSync(tmp, contents); !written.ok()) {
    ::unlink(tmp.c_str());
    return written;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    return Status::Fail(ErrnoMessage(path, error));
  }
  return SyncDirectory(DirectoryOf(path));
}

}  // namespace shapewatch
