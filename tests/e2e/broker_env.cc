#include "tests/e2e/broker_env.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

#include "absl/strings/str_cat.h"

namespace newswire::e2e {

std::string Brokers() {
  const char* brokers = std::getenv("NEWSWIRE_KAFKA_BROKERS");
  return brokers != nullptr ? brokers : "";
}

bool BrokerRequired() {
  const char* required = std::getenv("NEWSWIRE_REQUIRE_BROKER");
  return required != nullptr && std::string(required) == "1";
}

std::string UniqueName(const std::string& prefix) {
  std::random_device device;
  return absl::StrCat(prefix, "-", getpid(), "-", device() % 1000000);
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace newswire::e2e
