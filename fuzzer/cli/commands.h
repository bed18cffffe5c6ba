// Subcommands of the simtrinity CLI. Each add_*_command() declares its flags
// on a CLI11 subcommand and, when that subcommand is chosen, sets `action`
// to the code that runs it. Exit codes: 0 nothing new, 1 findings, 2 bad usage.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace simtrinity::cli {

using Action = std::function<int()>;

void add_run_command(CLI::App& app, Action& action);
void add_syscalls_command(CLI::App& app, Action& action);
void add_kernels_command(CLI::App& app, Action& action);
void add_triage_command(CLI::App& app, Action& action);
void add_repro_command(CLI::App& app, Action& action);
void add_decode_command(CLI::App& app, Action& action);
void add_minimize_command(CLI::App& app, Action& action);
void add_merge_command(CLI::App& app, Action& action);

}  // namespace simtrinity::cli
