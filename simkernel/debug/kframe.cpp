#include "simkernel/debug/kframe.h"

namespace sk {

call_site site_of_caller(int line) {
  task_struct* t = current_task();
  if (!t || t->kstack.empty()) return {};
  kframe& f = t->kstack.back();
  f.ip_off = ksym_site_offset(f.sym, line - f.base_line);
  f.site_line = line;
  f.callee = -1;
  return {f.sym, f.ip_off};
}

}  // namespace sk
