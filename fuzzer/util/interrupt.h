// SIGINT and SIGTERM for a campaign (`simtrinity run`), as a CI job or a
// user at a terminal sends them: the first asks the campaign to stop (no run
// starts, the running ones end at their next syscall, every output is
// written) and the process then exits with 128 + the signal (130, 143), as
// a shell reports a process the signal ended; a second signal exits at once.
// Neither damages what is already saved: outputs are only ever renamed into
// place whole (atomic_write.h). The handler only stores the signal number in
// a lock-free atomic, which the campaign polls; nothing else happens inside
// it (but the second signal's _exit, which is async-signal-safe).
#pragma once
#include <atomic>
#include <string>

namespace simtrinity::util {

// Installs the handlers (process-wide, as signal dispositions are).
void catch_interrupts();
// The flag the handlers set: 0, or the first signal caught.
const std::atomic<int>& interrupt_flag();
// The signal caught (0: none), its name ("SIGINT"), and the exit status it
// gives (128 + signal).
int interrupt_signal();
std::string signal_name(int sig);
inline int interrupt_status(int sig) { return 128 + sig; }

}  // namespace simtrinity::util
