#include "fuzzer/cli/commands.h"
namespace simtrinity::cli {
void add_minimize_command(CLI::App& app, Action& action) {}
}
