// IngestdProcess: runs the real `ingestd` binary as a child process for
// end-to-end tests, with its log in a file, and stops it politely (SIGTERM)
// or not (SIGKILL).
#ifndef NEWSWIRE_TESTS_E2E_INGESTD_PROCESS_H_
#define NEWSWIRE_TESTS_E2E_INGESTD_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace newswire::e2e {

class IngestdProcess {
 public:
  IngestdProcess(std::string binary, std::vector<std::string> args, std::string log_path);
  ~IngestdProcess();  // SIGKILLs a child still running

  absl::Status Start();
  // Waits until GET /readyz on the ops port answers 200.
  absl::Status WaitReady(int ops_port, absl::Duration timeout);
  // SIGTERM, then waits for exit; returns the exit status (or -1 on timeout).
  int Stop(absl::Duration timeout);
  // SIGKILL and reap.
  void Kill();
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }

 private:
  std::string binary_;
  std::vector<std::string> args_;
  std::string log_path_;
  pid_t pid_ = -1;
};

// The body of GET http://127.0.0.1:<port><path>, with its status code; -1 if
// the connection failed.
int HttpGet(int port, const std::string& path, std::string* body);

}  // namespace newswire::e2e

#endif  // NEWSWIRE_TESTS_E2E_INGESTD_PROCESS_H_
