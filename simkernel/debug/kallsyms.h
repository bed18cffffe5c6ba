// Simulated kernel text: every simulated function has an address and a size
// in the ffffffff81xxxxxx range, laid out once from a fixed table so that
// "lock_rename+0x114/0x120" means the same thing in every run and build.
// Symbol names are resolved at compile time: KFRAME(name) of a function that
// is not in the table does not compile.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sk {

struct ksym {
  std::string_view name;
  uint32_t size;
};

// The table, in address order. Sizes follow the 3.8 x86_64 build where known.
inline constexpr ksym kallsyms_table[] = {
#define KSYM(name, size) {#name, size},
#include "simkernel/debug/kallsyms_table.inc"
#undef KSYM
};
inline constexpr int kallsyms_count = sizeof(kallsyms_table) / sizeof(kallsyms_table[0]);

consteval int ksym_index(std::string_view name) {
  for (int i = 0; i < kallsyms_count; i++)
    if (kallsyms_table[i].name == name) return i;
  throw "symbol missing from simkernel/debug/kallsyms_table.inc";
}

constexpr uint64_t KERNEL_TEXT_BASE = 0xffffffff81000000ULL;

// Address of symbol i (computed once, deterministic).
uint64_t ksym_address(int idx);
inline std::string_view ksym_name(int idx) { return kallsyms_table[idx].name; }

// An offset inside symbol idx for a site `line_delta` source lines into the
// simulated function: stable across runs, always inside the function.
uint32_t ksym_site_offset(int idx, int line_delta);
// Offset of the return address inside caller `idx` for a call to `callee`.
uint32_t ksym_call_offset(int idx, int callee);

// "[<ffffffff811c7034>] lock_rename+0x114/0x120" and "lock_rename+0x114/0x120".
std::string format_ip_bracketed(int idx, uint32_t off);
std::string format_ip(int idx, uint32_t off);

}  // namespace sk
