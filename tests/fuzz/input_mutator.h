// InputMutator: deterministic random edits of seed records, the kind that
// break parsers: byte flips, truncations, deletions, inserted markup and
// wire bytes ('<', '&', '{', NUL, 0xFF, SOH/STX/ETX), hostile entities,
// repeated and deeply nested tags, and splices of other seeds.
//
//   InputMutator mutator(/*seed=*/1);
//   std::string input = mutator.Mutate(seeds[i], seeds);
//
// The same seed gives the same sequence of mutations on every machine
// (std::mt19937_64 is fully specified). Not thread-safe: one per thread.
#ifndef NEWSWIRE_TESTS_FUZZ_INPUT_MUTATOR_H_
#define NEWSWIRE_TESTS_FUZZ_INPUT_MUTATOR_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace newswire::fuzz {

class InputMutator {
 public:
  explicit InputMutator(uint64_t seed) : random_(seed) {}

  // `input` with one to four random edits; never longer than `max_size`.
  // `others` supplies material for splices (may be empty).
  std::string Mutate(const std::string& input, const std::vector<std::string>& others,
                     size_t max_size = size_t{2} << 20);

 private:
  size_t Below(size_t n);  // uniform in [0, n); 0 when n == 0
  void EditOnce(std::string& data, const std::vector<std::string>& others);

  std::mt19937_64 random_;
};

}  // namespace newswire::fuzz

#endif  // NEWSWIRE_TESTS_FUZZ_INPUT_MUTATOR_H_
