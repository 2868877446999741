#include "services/wirectl/command_help.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

ABSL_FLAG(std::string, ch_address, "127.0.0.1:7070", "Where the server listens.");
ABSL_FLAG(std::string, ch_topic, "newswire.raw", "Topic to write to.");
ABSL_FLAG(bool, ch_verbose, false, "Say more.");

namespace newswire {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<CommandSpec>& TestCommands() {
  static const auto* const kCommands = new std::vector<CommandSpec>{
      {"send", "FILE...", "send files", "Sends files.", {"ch_topic", "ch_verbose"},
       {"prog send a.txt"}},
      {"watch", "", "watch the server", "Watches.", {"ch_address"}, {"prog watch --ch_address=h:1"}},
  };
  return *kCommands;
}

CommandLine Scan(std::vector<std::string> args) {
  args.insert(args.begin(), "prog");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  return ScanCommandLine(static_cast<int>(argv.size()), argv.data(), TestCommands());
}

TEST(CommandHelpTest, ListsOnlyTheCommandsFlagsWithDefaultsAndExample) {
  const std::string help = CommandHelp("prog", *FindCommand(TestCommands(), "send"));
  EXPECT_THAT(help, HasSubstr("usage: prog send [flags] FILE..."));
  EXPECT_THAT(help, HasSubstr("--ch_topic (default newswire.raw)\n      Topic to write to."));
  EXPECT_THAT(help, HasSubstr("--ch_verbose (default false)"));
  EXPECT_THAT(help, HasSubstr("example:\n  prog send a.txt"));
  EXPECT_THAT(help, Not(HasSubstr("ch_address")));
}

TEST(CommandHelpTest, ProgramHelpListsEveryCommand) {
  const std::string help = ProgramHelp("prog", "prog: a test.", TestCommands());
  EXPECT_THAT(help, HasSubstr("send FILE...  send files\n"));
  EXPECT_THAT(help, HasSubstr("watch         watch the server\n"));
  EXPECT_THAT(help, HasSubstr("prog COMMAND --help"));
}

TEST(CommandHelpTest, FindsTheCommandPastFlagValues) {
  // "--ch_address h:1" takes the next argument as its value; a bool does not.
  CommandLine line = Scan({"--ch_address", "h:1", "watch"});
  EXPECT_EQ(line.command, "watch");
  EXPECT_FALSE(line.help);
  line = Scan({"--ch_verbose", "send", "a.txt"});
  EXPECT_EQ(line.command, "send");
}

TEST(CommandHelpTest, SeesHelpInEveryForm) {
  EXPECT_TRUE(Scan({"send", "--help"}).help);
  EXPECT_TRUE(Scan({"-h", "send"}).help);
  EXPECT_EQ(Scan({"-h", "send"}).command, "send");
  const CommandLine line = Scan({"help", "watch"});
  EXPECT_TRUE(line.help);
  EXPECT_EQ(line.command, "watch");
  EXPECT_TRUE(Scan({"--help"}).help);
  EXPECT_EQ(Scan({"--help"}).command, "");
  // After "--" everything is an argument.
  EXPECT_FALSE(Scan({"send", "--", "--help"}).help);
}

TEST(CommandHelpTest, RefusesAnotherCommandsFlag) {
  EXPECT_THAT(Scan({"send", "--ch_address=h:1", "a.txt"}).foreign_flags,
              ::testing::ElementsAre("ch_address"));
  EXPECT_THAT(Scan({"send", "--noch_verbose", "--ch_topic=t", "a.txt"}).foreign_flags,
              ::testing::IsEmpty());
  // Flags no command names (Abseil's own, like --flagfile) are not ours to refuse.
  EXPECT_THAT(Scan({"watch", "--flagfile=f"}).foreign_flags, ::testing::IsEmpty());
}

}  // namespace
}  // namespace newswire
