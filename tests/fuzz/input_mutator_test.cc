#include "tests/fuzz/input_mutator.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newswire::fuzz {
namespace {

const std::string kRecord =
    "<nitf><head><title>T</title></head><body><body.content><p>Text &amp; more.</p>"
    "</body.content></body></nitf>";

TEST(InputMutatorTest, SameSeedGivesSameMutations) {
  InputMutator first(7), second(7);
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(first.Mutate(kRecord, {kRecord}), second.Mutate(kRecord, {kRecord})) << i;
  }
}

TEST(InputMutatorTest, MutationsDifferFromTheInputAndFromEachOther) {
  InputMutator mutator(1);
  std::set<std::string> seen;
  int changed = 0;
  for (int i = 0; i < 500; ++i) {
    std::string mutated = mutator.Mutate(kRecord, {"{\"a\":1}"});
    if (mutated != kRecord) ++changed;
    seen.insert(mutated);
  }
  EXPECT_GT(changed, 450);
  EXPECT_GT(seen.size(), 400u);
}

TEST(InputMutatorTest, RespectsTheSizeLimit) {
  InputMutator mutator(3);
  for (int i = 0; i < 500; ++i) {
    EXPECT_LE(mutator.Mutate(kRecord, {kRecord}, 300).size(), 300u);
  }
}

TEST(InputMutatorTest, EmptyInputsAreFine) {
  InputMutator mutator(5);
  for (int i = 0; i < 200; ++i) mutator.Mutate("", {});
  for (int i = 0; i < 200; ++i) mutator.Mutate("", {""});
}

}  // namespace
}  // namespace newswire::fuzz
