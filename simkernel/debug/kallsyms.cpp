#include "simkernel/debug/kallsyms.h"

#include <array>
#include <fmt/format.h>

namespace sk {

namespace {
struct Layout {
  std::array<uint64_t, kallsyms_count> addr{};
  Layout() {
    // Each function starts 16-byte aligned after the previous one, with a
    // gap that spreads the text over a realistic range.
    uint64_t a = KERNEL_TEXT_BASE + 0x1000;
    for (int i = 0; i < kallsyms_count; i++) {
      addr[i] = a;
      a += kallsyms_table[i].size + 0x40;
      a = (a + 15) & ~uint64_t{15};
    }
  }
};
const Layout& layout() {
  static const Layout l;
  return l;
}
}  // namespace

uint64_t ksym_address(int idx) { return layout().addr[idx]; }

uint32_t ksym_site_offset(int idx, int line_delta) {
  const uint32_t size = kallsyms_table[idx].size;
  if (size <= 8) return 1;
  uint32_t off = 0x10 + static_cast<uint32_t>(line_delta < 0 ? 0 : line_delta) * 6;
  if (off >= size - 2) off = (off % (size - 8)) + 4;
  return off;
}

uint32_t ksym_call_offset(int idx, int callee) {
  const uint32_t size = kallsyms_table[idx].size;
  if (size <= 8) return 1;
  // Fibonacci hashing of the callee's index: distinct callees, distinct sites.
  uint32_t h = static_cast<uint32_t>((static_cast<uint64_t>(callee + 1) * 0x9e3779b97f4a7c15ULL) >> 40);
  return 5 + h % (size - 8);
}

std::string format_ip(int idx, uint32_t off) {
  return fmt::format("{}+0x{:x}/0x{:x}", kallsyms_table[idx].name, off, kallsyms_table[idx].size);
}

std::string format_ip_bracketed(int idx, uint32_t off) {
  return fmt::format("[<{:016x}>] {}", ksym_address(idx) + off, format_ip(idx, off));
}

}  // namespace sk
