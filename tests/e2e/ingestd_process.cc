#include "tests/e2e/ingestd_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/ingest/common/wait_for.h"

namespace newswire::e2e {

IngestdProcess::IngestdProcess(std::string binary, std::vector<std::string> args,
                               std::string log_path)
    : binary_(std::move(binary)), args_(std::move(args)), log_path_(std::move(log_path)) {}

IngestdProcess::~IngestdProcess() {
  if (pid_ > 0) Kill();
}

absl::Status IngestdProcess::Start() {
  int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (log_fd < 0) return absl::InternalError(absl::StrCat("cannot open ", log_path_));
  std::vector<char*> argv;
  argv.push_back(binary_.data());
  for (std::string& arg : args_) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execv(binary_.c_str(), argv.data());
    _exit(127);
  }
  close(log_fd);
  pid_ = pid;
  return absl::OkStatus();
}

absl::Status IngestdProcess::WaitReady(int ops_port, absl::Duration timeout) {
  bool exited = false;
  const bool ready = WaitFor(
      [&] {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          exited = true;
          return true;
        }
        std::string body;
        return HttpGet(ops_port, "/readyz", &body) == 200;
      },
      timeout, absl::Milliseconds(100));
  if (exited) return absl::InternalError(absl::StrCat("ingestd exited early; see ", log_path_));
  if (ready) return absl::OkStatus();
  return absl::DeadlineExceededError(absl::StrCat("ingestd not ready; see ", log_path_));
}

int IngestdProcess::Stop(absl::Duration timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int exit_code = -1;
  const bool exited = WaitFor(
      [&] {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
        pid_ = -1;
        exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return true;
      },
      timeout, absl::Milliseconds(50));
  if (!exited) Kill();
  return exit_code;
}

void IngestdProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int HttpGet(int port, const std::string& path, std::string* body) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return -1;
  }
  std::string request = absl::StrCat("GET ", path, " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) response.append(buf, static_cast<size_t>(n));
  close(fd);
  if (response.size() < 12) return -1;
  size_t body_start = response.find("\r\n\r\n");
  if (body != nullptr && body_start != std::string::npos) *body = response.substr(body_start + 4);
  return std::atoi(response.substr(9, 3).c_str());
}

}  // namespace newswire::e2e
