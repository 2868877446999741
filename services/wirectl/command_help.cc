#include "services/wirectl/command_help.h"

#include <algorithm>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace newswire {
namespace {

// Help text wrapped to lines of about 76 columns, each indented by `indent`.
std::string Wrap(absl::string_view text, int indent) {
  std::string out, line;
  const std::string pad(static_cast<size_t>(indent), ' ');
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (!line.empty() && line.size() + 1 + word.size() + indent > 76) {
      absl::StrAppend(&out, pad, line, "\n");
      line.clear();
    }
    absl::StrAppend(&line, line.empty() ? "" : " ", word);
  }
  if (!line.empty()) absl::StrAppend(&out, pad, line, "\n");
  return out;
}

bool IsHelpArgument(absl::string_view arg) {
  return arg == "--help" || arg == "-help" || arg == "-h" || arg == "--h";
}

}  // namespace

const CommandSpec* FindCommand(const std::vector<CommandSpec>& commands, absl::string_view name) {
  for (const CommandSpec& command : commands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

std::string CommandHelp(absl::string_view program, const CommandSpec& command) {
  std::string out = absl::StrCat("usage: ", program, " ", command.name,
                                 command.flags.empty() ? "" : " [flags]",
                                 command.arguments.empty() ? "" : " ", command.arguments, "\n\n",
                                 Wrap(command.summary, 0));
  if (!command.flags.empty()) absl::StrAppend(&out, "\nflags:\n");
  for (const std::string& name : command.flags) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) continue;  // a table naming a flag that does not exist: skip it
    const std::string default_value = flag->DefaultValue();
    absl::StrAppend(&out, "  --", name,
                    default_value.empty() ? "" : absl::StrCat(" (default ", default_value, ")"),
                    "\n", Wrap(flag->Help(), 6));
  }
  if (!command.examples.empty()) {
    absl::StrAppend(&out, "\n", command.examples.size() == 1 ? "example:\n" : "examples:\n");
    for (const std::string& example : command.examples) absl::StrAppend(&out, "  ", example, "\n");
  }
  return out;
}

std::string ProgramHelp(absl::string_view program, absl::string_view about,
                        const std::vector<CommandSpec>& commands) {
  std::string out = absl::StrCat(about, "\n\nusage: ", program, " COMMAND [flags] [arguments]\n\ncommands:\n");
  size_t width = 0;
  for (const CommandSpec& command : commands) {
    width = std::max(width, command.name.size() + 1 + command.arguments.size());
  }
  for (const CommandSpec& command : commands) {
    std::string head = absl::StrCat(command.name, " ", command.arguments);
    head.resize(width, ' ');
    absl::StrAppend(&out, "  ", head, "  ", command.brief, "\n");
  }
  absl::StrAppend(&out, "\n", program, " COMMAND --help lists a command's flags, with examples; ",
                  program, " --helpfull lists every flag.\n");
  return out;
}

CommandLine ScanCommandLine(int argc, char** argv, const std::vector<CommandSpec>& commands) {
  CommandLine line;
  std::vector<std::string> given;
  bool after_help_word = false;
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") break;  // the rest are arguments
    if (IsHelpArgument(arg)) {
      line.help = true;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      absl::string_view name = arg.substr(arg[1] == '-' ? 2 : 1);
      const bool has_value = absl::StrContains(name, '=');
      name = name.substr(0, name.find('='));
      const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
      if (flag == nullptr && absl::StartsWith(name, "no")) {
        flag = absl::FindCommandLineFlag(name.substr(2));
        if (flag != nullptr) name = name.substr(2);
      }
      // "--server host": the next argument is the value, not the command.
      if (flag != nullptr && !has_value && !flag->IsOfType<bool>()) ++i;
      given.emplace_back(name);
      continue;
    }
    if (line.command.empty() && arg == "help" && !after_help_word) {
      line.help = true;
      after_help_word = true;
      continue;
    }
    if (line.command.empty()) line.command = std::string(arg);
  }
  const CommandSpec* command = FindCommand(commands, line.command);
  if (command == nullptr) return line;
  for (const std::string& name : given) {
    const bool own = std::find(command->flags.begin(), command->flags.end(), name) !=
                     command->flags.end();
    bool someones = false;
    for (const CommandSpec& other : commands) {
      someones |= std::find(other.flags.begin(), other.flags.end(), name) != other.flags.end();
    }
    if (someones && !own) line.foreign_flags.push_back(name);
  }
  return line;
}

}  // namespace newswire
