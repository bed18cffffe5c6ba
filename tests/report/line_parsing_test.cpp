// Per-line parsers: transport noise, lock lines of every era, frames of every shape.
#include <gtest/gtest.h>

#include <sstream>

#include "report/frame.h"
#include "report/line_noise.h"
#include "report/lock_line.h"
#include "report/log_reader.h"

namespace simtrinity::report {
namespace {

TEST(LineNoise, StripsTimestampsSyslogKmsgQuotingAndKeepsCallerId) {
  EXPECT_EQ(strip_line_noise("[  123.456789] INFO: task x:1 blocked").text, "INFO: task x:1 blocked");
  EXPECT_EQ(strip_line_noise("Mar 21 19:33:01 duke kernel: [ 7321.004412] Call Trace:").text, "Call Trace:");
  EXPECT_EQ(strip_line_noise("<4>[   12.5] Call Trace:").text, "Call Trace:");
  EXPECT_EQ(strip_line_noise("6,1234,5678901,-;Call Trace:").text, "Call Trace:");
  EXPECT_EQ(strip_line_noise("> > [ 1.0]  #0:  (a){....}").text, " #0:  (a){....}");
  const auto c = strip_line_noise("[  101.000002][ T7669] WARNING: x");
  EXPECT_EQ(c.text, "WARNING: x");
  EXPECT_EQ(c.context, "T7669");
  EXPECT_EQ(strip_line_noise("[Thu Mar 21 19:33:01 2013] Call Trace:").text, "Call Trace:");
  EXPECT_EQ(strip_line_noise("no prefix at all").text, "no prefix at all");
}

TEST(LineNoise, FindsTimestampsInsideALine) {
  EXPECT_TRUE(has_printk_timestamp("WARNING: possible [  12.5] circular"));
  EXPECT_FALSE(has_printk_timestamp("[ INFO: possible circular locking dependency detected ]"));
}

TEST(LockLine, Parses3xLines) {
  auto l = parse_lock_line(" #2:  (&type->i_mutex_dir_key#2/1){+.+.+.}, at: [<ffffffff811c701e>] lock_rename+0xfe/0x120");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->index, 2);
  EXPECT_EQ(l->cls, "&type->i_mutex_dir_key#2/1");
  EXPECT_EQ(l->at, "lock_rename");
  EXPECT_TRUE(l->at_has_offset);
  EXPECT_EQ(l->instance, "");
}

TEST(LockLine, ParsesModernLinesWithWaitTypesAndInlineCopies) {
  auto l = parse_lock_line(" #0: ffff88807b4a4460 (sb_writers#12){.+.+}-{0:0}, at: do_renameat2+0x37b/0xd10 fs/namei.c:4850");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->instance, "ffff88807b4a4460");
  EXPECT_EQ(l->cls, "sb_writers#12");
  EXPECT_EQ(l->at, "do_renameat2");
  auto inl = parse_lock_line(" #2: ffff88802a6b33a0 (&type->i_mutex_dir_key#9/1){+.+.}-{3:3}, at: inode_lock_nested include/linux/fs.h:791 [inline]");
  ASSERT_TRUE(inl);
  EXPECT_EQ(inl->at, "inode_lock_nested");
  EXPECT_FALSE(inl->at_has_offset);
}

TEST(LockLine, ParsesTheSeedsHeldBlockedStyle) {
  auto l = parse_lock_line(" #3: blocked: (&type->i_mutex_dir_key#2/2){+.+.+.}, instance: ffff880110b3a858, at: [<ffffffff811c7034>] lock_rename+0x114/0x120");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->state, "blocked");
  EXPECT_EQ(l->instance, "ffff880110b3a858");
  EXPECT_EQ(l->at, "lock_rename");
}

TEST(LockLine, ClassesWithParenthesesAndRejects) {
  auto l = parse_lock_line("ffffc90000da0d70 ((&dev->watchdog_timer)){+.-.}-{0:0}, at: call_timer_fn+0x0/0x4d0");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->cls, "(&dev->watchdog_timer)");
  EXPECT_FALSE(parse_lock_line("Call Trace:"));
  EXPECT_FALSE(parse_lock_line(" #x: (a){.}"));
  EXPECT_FALSE(parse_lock_line("(unterminated"));
}

TEST(LockClass, NormalizesNameVersionsButKeepsSubclasses) {
  EXPECT_EQ(normalize_class("&type->i_mutex_dir_key#7/1"), "&type->i_mutex_dir_key/1");
  EXPECT_EQ(normalize_class("sb_writers#4"), "sb_writers");
  EXPECT_EQ(normalize_class("&type->i_mutex_dir_key/2"), "&type->i_mutex_dir_key/2");
  EXPECT_EQ(normalize_class("&(&pool->lock)->rlock"), "&pool->lock");
  EXPECT_EQ(normalize_class("rcu_read_lock"), "rcu_read_lock");
}

TEST(Frame, ParsesEveryShape) {
  EXPECT_EQ(parse_frame(" [<ffffffff811c7034>] lock_rename+0x114/0x120")->fn, "lock_rename");
  EXPECT_EQ(parse_frame(" lock_rename+0x1a8/0x250 fs/namei.c:2998")->fn, "lock_rename");
  auto q = parse_frame(" ? foo+0x1/0x2");
  ASSERT_TRUE(q);
  EXPECT_FALSE(q->reliable);
  EXPECT_FALSE(parse_frame(" [<ffffffff811c7034>] ? foo+0x1/0x2")->reliable);
  auto inl = parse_frame(" inode_lock_nested include/linux/fs.h:791 [inline]");
  ASSERT_TRUE(inl);
  EXPECT_FALSE(inl->has_offset);
  EXPECT_EQ(parse_frame(" <IRQ>  [<ffffffff815f4a5e>] print_usage_bug+0x1fb/0x20c")->fn, "print_usage_bug");
  EXPECT_EQ(parse_frame("[<c01234>] (vfs_rename+0x10/0x300) from [<c0abcd>] (sys_renameat+0x1/0x2)")->fn, "vfs_rename");
  EXPECT_EQ(parse_frame("[c000000000a1b2c0] [c000000000123456] .lock_rename+0x20/0x100")->fn, "lock_rename");
  EXPECT_EQ(parse_frame(" mark_lock.part.0+0x117/0x1f0")->fn, "mark_lock");
  EXPECT_FALSE(parse_frame("RIP: 0033:0x7f2c9e48c0d9"));
  EXPECT_FALSE(parse_frame("Done."));
  EXPECT_FALSE(parse_frame("Hardware name: QEMU"));
}

std::vector<std::string> logical_lines(const std::string& text) {
  std::istringstream in(text);
  LogReader r(in);
  std::vector<std::string> out;
  LogLine l;
  while (r.next(l)) out.push_back(l.text);
  return out;
}

TEST(LogReader, RejoinsMailerWrapsAndSplitsRsyslogRecords) {
  EXPECT_EQ(logical_lines("#0: held: (a){+.+.+.},\ninstance: ffff, at: [<ffffffff8>] f+0x1/0x2\n"),
            (std::vector<std::string>{"#0: held: (a){+.+.+.}, instance: ffff, at: [<ffffffff8>] f+0x1/0x2"}));
  EXPECT_EQ(logical_lines("3.8.0 #1 Not\ntainted\n"), (std::vector<std::string>{"3.8.0 #1 Not tainted"}));
  EXPECT_EQ(logical_lines(" (a){....}, at:\n[<ffff>] f+0x1/0x2\n"),
            (std::vector<std::string>{" (a){....}, at: [<ffff>] f+0x1/0x2"}));
  EXPECT_EQ(logical_lines("Mar 21 19:33:01 h kernel: one#012two\n"), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(logical_lines("a,\nWARNING: x\n"), (std::vector<std::string>{"a,", "WARNING: x"}));
}

TEST(LogReader, DecodesQuotedPrintableOnceSeen) {
  EXPECT_EQ(logical_lines("Content-Transfer-Encoding: quoted-printable\n=3D=3D=\n=3D\nx=20\n")[1], "===");
  // Without the signal a raw ruler's trailing '=' is not a soft break.
  EXPECT_EQ(logical_lines("=====\nnext\n").size(), 2u);
}

TEST(LogReader, ReadsMailTransportsOnceSeen) {
  // RFC 3676 format=flowed, delsp=yes: a trailing space continues the line (and goes),
  // and a quoted reply repeats its "> " on the continuation.
  EXPECT_EQ(logical_lines("Content-Type: text/plain; format=flowed; delsp=yes\n"
                          "WARNING: CPU: 1 PID: 9 at kernel/locking/lockdep.c:167  \n"
                          "__lock_acquire+0x21dd/0x4a00 kernel/locking/lockdep.c:3950\n"
                          "> one  \n> two\n")
                .back(),
            "one two");
  EXPECT_EQ(logical_lines("Content-Type: text/plain; format=flowed; delsp=yes\n"
                          "WARNING: CPU: 1 PID: 9 at kernel/locking/lockdep.c:167  \n"
                          "__lock_acquire+0x21dd/0x4a00 kernel/locking/lockdep.c:3950\n")[1],
            "WARNING: CPU: 1 PID: 9 at kernel/locking/lockdep.c:167 __lock_acquire+0x21dd/0x4a00 "
            "kernel/locking/lockdep.c:3950");
  // Without format=flowed a trailing space ends nothing.
  EXPECT_EQ(logical_lines("one \ntwo\n").size(), 2u);
  // A decoded "=0A" is a line break; a mailer's no-break spaces are indentation.
  EXPECT_EQ(logical_lines("Content-Transfer-Encoding: quoted-printable\n> =C2=A0tx+0x68/0xb0=0A=\n> next=0A\n"),
            (std::vector<std::string>{"Content-Transfer-Encoding: quoted-printable", "tx+0x68/0xb0", "next"}));
}

TEST(LogReader, CutsOverlongLinesAndCountsPhysicalLines) {
  std::string big(100000, 'x');
  const auto lines = logical_lines(big + "\nsecond");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), LogReader::kMaxLine);
  std::istringstream in("a\nb\n\nc");
  LogReader r(in);
  LogLine l;
  std::vector<std::uint64_t> nos;
  while (r.next(l)) nos.push_back(l.line_no);
  EXPECT_EQ(nos, (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

}  // namespace
}  // namespace simtrinity::report
