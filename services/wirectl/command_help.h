// Per-command help and flag checks for a program of sub-commands (wirectl).
//
// Abseil's flags are global: `--help` would list every command's flags in one
// list. Here each command names the flags it reads; `PROGRAM COMMAND --help`
// prints those only (with their help text and default, from the flag's
// definition) and an example, and a flag of another command is refused
// before it is silently ignored.
//
//   CommandLine line = ScanCommandLine(argc, argv, commands);
//   if (line.help) { std::cout << CommandHelp(*FindCommand(commands, line.command)); ... }
//
// Pure functions over the flag registry; thread-compatible.
#ifndef NEWSWIRE_SERVICES_WIRECTL_COMMAND_HELP_H_
#define NEWSWIRE_SERVICES_WIRECTL_COMMAND_HELP_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire {

struct CommandSpec {
  std::string name;                   // "publish"
  std::string arguments;              // what follows the flags: "FILE..."
  std::string brief;                  // one line for the list of commands
  std::string summary;                // what it does, a sentence or two
  std::vector<std::string> flags;     // names of the flags it reads, without dashes
  std::vector<std::string> examples;  // command lines
};

// Null when there is no such command.
const CommandSpec* FindCommand(const std::vector<CommandSpec>& commands, absl::string_view name);

// `program command --help`: usage, summary, the command's flags (name,
// default, help) and examples.
std::string CommandHelp(absl::string_view program, const CommandSpec& command);

// `program --help`: one line per command, and where each command's help is.
std::string ProgramHelp(absl::string_view program, absl::string_view about,
                        const std::vector<CommandSpec>& commands);

// What a command line asks for, read before the flags are parsed.
struct CommandLine {
  std::string command;  // the first argument that is not a flag or a flag's value
  bool help = false;    // --help, -h or `help COMMAND`
  // Flags given that some other command reads but this one does not.
  std::vector<std::string> foreign_flags;
};
CommandLine ScanCommandLine(int argc, char** argv, const std::vector<CommandSpec>& commands);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_COMMAND_HELP_H_
