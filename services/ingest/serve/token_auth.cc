#include "services/ingest/serve/token_auth.h"

#include <openssl/crypto.h>


#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/ingest/common/file.h"

namespace newswire {

absl::StatusOr<std::unique_ptr<TokenAuthenticator>> TokenAuthenticator::FromFile(
    const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path, "auth tokens file");
  if (!text.ok()) return text.status();
  std::vector<std::string> tokens;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    absl::string_view token = absl::StripAsciiWhitespace(line);
    if (token.empty() || token[0] == '#') continue;
    tokens.emplace_back(token);
  }
  return FromTokens(std::move(tokens));
}

absl::StatusOr<std::unique_ptr<TokenAuthenticator>> TokenAuthenticator::FromTokens(
    std::vector<std::string> tokens) {
  if (tokens.empty()) return absl::InvalidArgumentError("auth tokens: none given");
  for (const std::string& token : tokens) {
    if (token.size() < 16) {
      return absl::InvalidArgumentError("auth tokens: each must have at least 16 characters");
    }
  }
  return std::unique_ptr<TokenAuthenticator>(new TokenAuthenticator(std::move(tokens)));
}

absl::Status TokenAuthenticator::Check(absl::string_view authorization) const {
  authorization = absl::StripAsciiWhitespace(authorization);
  if (authorization.empty()) return absl::UnauthenticatedError("missing bearer token");
  if (!absl::StartsWithIgnoreCase(authorization, "bearer ")) {
    return absl::UnauthenticatedError("authorization is not a bearer token");
  }
  absl::string_view presented = absl::StripAsciiWhitespace(authorization.substr(7));
  bool match = false;
  for (const std::string& token : tokens_) {
    // Constant time in the token's content; every token is compared.
    if (token.size() == presented.size() &&
        CRYPTO_memcmp(token.data(), presented.data(), token.size()) == 0) {
      match = true;
    }
  }
  return match ? absl::OkStatus() : absl::UnauthenticatedError("unknown bearer token");
}

absl::Status TokenAuthenticator::CheckCall(absl::string_view path,
                                           absl::string_view authorization) const {
  if (absl::StartsWith(path, kOpenService)) return absl::OkStatus();
  return Check(authorization);
}

}  // namespace newswire
