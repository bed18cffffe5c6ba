// The seed article's scenario on 3.8: rename("/proc/1/net/stat/arp_cache",
// "/proc/2/net/stat/x") takes the one shared directory inode's i_mutex as
// I_MUTEX_PARENT and again as I_MUTEX_CHILD, and the task sleeps on a lock it
// holds. The watchdog reports it the moment the task blocks, with the
// article's lock dump.
#include <gtest/gtest.h>

#include <regex>

#include "tests/watchdog/watchdog_harness.h"

using namespace wdtest;

namespace {

constexpr const char* kComm = "trinity-child2";

struct RenameRun {
  std::unique_ptr<sk::Kernel> k;
  sk::run_end end;
  uint64_t report_ns = 0;  // virtual time of the first fatal report
  long ret = 1;            // the rename's result, if it ever returned
};

RenameRun article_rename(const std::string& profile, sk::WatchdogOptions wo = all_on(), uint64_t seed = 1) {
  RenameRun r;
  r.k = boot(profile, wo, seed);
  sk::Kernel& k = *r.k;
  k.set_report_handler([&r, &k](const sk::Report& rep) {
    if (rep.fatal && !r.report_ns) r.report_ns = k.now_ns();
  });
  k.spawn(kComm, [&k, &r] { r.ret = k.sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x"); });
  r.end = k.run();
  return r;
}

// The article's dump (Dave Jones' trinity run, 2013), lines rejoined.
const char* const kArticle[] = {
    "Showing all locks held in the system:",
    "4 locks on stack by trinity-child2/7669:",
    " #0: held: (sb_writers#4){.+.+.+}, instance: ffff8801292d17d8, at: [<ffffffff811df134>] mnt_want_write+0x24/0x50",
    " #1: held: (&type->s_vfs_rename_key){+.+.+.}, instance: ffff8801292d1928, at: [<ffffffff811c6f5e>] "
    "lock_rename+0x3e/0x120",
    " #2: held: (&type->i_mutex_dir_key#2/1){+.+.+.}, instance: ffff880110b3a858, at: [<ffffffff811c701e>] "
    "lock_rename+0xfe/0x120",
    " #3: blocked: (&type->i_mutex_dir_key#2/2){+.+.+.}, instance: ffff880110b3a858, at: [<ffffffff811c7034>] "
    "lock_rename+0x114/0x120",
};

std::string mask_pid(const std::string& s) { return std::regex_replace(s, std::regex("/[0-9]+:$"), "/PID:"); }

// The lines of `text` from "Showing all locks held in the system:" on, `n` of them.
std::vector<std::string> dump_lines(const std::string& text, size_t n) {
  auto lines = lines_of(text);
  auto it = std::find(lines.begin(), lines.end(), "Showing all locks held in the system:");
  if (it == lines.end() || static_cast<size_t>(lines.end() - it) < n) return {};
  return {it, it + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace

TEST(Article, DeadlockReportedTheMomentTheTaskBlocks) {
  RenameRun r = article_rename("3.8");
  const sk::Report* rep = find_report(*r.k, "blocked-self");
  ASSERT_NE(rep, nullptr) << kinds(*r.k);
  EXPECT_TRUE(rep->fatal);
  EXPECT_EQ(r.end, sk::run_end::stopped);
  EXPECT_EQ(r.ret, 1) << "the rename never returns";
  EXPECT_LT(r.report_ns, 1'000'000u) << "reported at once, not after a timeout";
  EXPECT_EQ(title_of(*rep), "possible deadlock in lock_rename");
  sk::task_struct* t = r.k->find_task_by_pid(rep->tasks.at(0));
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->comm, kComm);
  EXPECT_EQ(rep->tasks.size(), 1u);
  EXPECT_EQ(rep->locks, (std::vector<std::string>{"&type->i_mutex_dir_key/1", "&type->i_mutex_dir_key/2"}));
  ASSERT_EQ(rep->traces.size(), 1u);
  EXPECT_EQ(rep->traces[0].front().rfind("schedule+", 0), 0u);
  EXPECT_EQ(rep->traces[0].back().rfind("system_call_fastpath+", 0), 0u);
}

TEST(Article, SeedDumpMatchesTheArticleExceptHex) {
  RenameRun r = article_rename("3.8");
  const sk::Report* rep = find_report(*r.k, "blocked-self");
  ASSERT_NE(rep, nullptr) << kinds(*r.k);
  auto got = dump_lines(rep->text, std::size(kArticle));
  ASSERT_EQ(got.size(), std::size(kArticle)) << rep->text;
  for (size_t i = 0; i < std::size(kArticle); i++)
    EXPECT_EQ(mask_pid(mask_hex(got[i])), mask_pid(mask_hex(kArticle[i]))) << "line " << i;
  // The blocked acquisition and the held one are the same instance.
  auto inst = [](const std::string& l) { return l.substr(l.find("instance: "), 26); };
  EXPECT_EQ(inst(got[4]), inst(got[5]));
  // Blank line and the 45-'=' ruler end the dump, as in Linux.
  EXPECT_NE(rep->text.find("lock_rename+0x" /* any */), std::string::npos);
  EXPECT_NE(rep->text.find("\n\n" + std::string(45, '=') + "\n"), std::string::npos);
}

TEST(Article, ShowAllLocksInEveryStyle) {
  RenameRun r = article_rename("3.8");
  sk::Watchdog* wd = r.k->watchdog();
  ASSERT_NE(wd, nullptr);
  // The run is stopped with the task still blocked: the dump shows it.
  std::string seed = wd->show_all_locks();
  EXPECT_EQ(dump_lines(seed, std::size(kArticle)), dump_lines(find_report(*r.k, "blocked-self")->text, std::size(kArticle)));

  wd->options().style = static_cast<int>(sk::lock_dump_style::v3x);
  auto v3x = lines_of(wd->show_all_locks());
  ASSERT_GE(v3x.size(), 6u);
  EXPECT_EQ(mask_pid(v3x[1]), "4 locks held by trinity-child2/PID:");
  EXPECT_EQ(mask_hex(v3x[2]), " #0:  (sb_writers#4){.+.+.+}, at: [<X>] mnt_want_write+0xX/0xX");
  EXPECT_EQ(mask_hex(v3x[5]), " #3:  (&type->i_mutex_dir_key#2/2){+.+.+.}, at: [<X>] lock_rename+0xX/0xX");

  wd->options().style = static_cast<int>(sk::lock_dump_style::modern);
  auto modern = lines_of(wd->show_all_locks());
  ASSERT_GE(modern.size(), 6u);
  EXPECT_EQ(mask_hex(modern[2]), " #0: X (sb_writers#4){.+.+}-{0:0}, at: mnt_want_write+0xX/0xX");
  EXPECT_EQ(mask_hex(modern[4]), " #2: X (&type->i_mutex_dir_key#2/1){+.+.}-{3:3}, at: lock_rename+0xX/0xX");
  EXPECT_EQ(modern[modern.size() - 3], std::string(45, '='));
}

TEST(Article, SameInstanceNestingWarnsBeforeTheTaskSleeps) {
  RenameRun r = article_rename("3.8");
  const auto& reps = r.k->reports();
  auto nest = std::find_if(reps.begin(), reps.end(), [](const sk::Report& x) { return kind_of(x) == "same-instance"; });
  auto dead = std::find_if(reps.begin(), reps.end(), [](const sk::Report& x) { return kind_of(x) == "blocked-self"; });
  ASSERT_NE(nest, reps.end()) << kinds(*r.k);
  ASSERT_NE(dead, reps.end());
  EXPECT_LT(nest - reps.begin(), dead - reps.begin());
  EXPECT_FALSE(nest->fatal);
  EXPECT_EQ(title_of(*nest), "same lock instance nested in lock_rename");
  EXPECT_EQ(nest->locks, (std::vector<std::string>{"&type->i_mutex_dir_key/1", "&type->i_mutex_dir_key/2"}));
  EXPECT_NE(nest->text.find("WARNING: one lock instance acquired under two subclasses\n3.8.0-simtrinity #1 Not tainted\n"),
            std::string::npos);
  // Real lockdep is silent here: /1 and /2 are distinct classes in the annotated order.
  EXPECT_EQ(count_reports(*r.k, "circular"), 0u);
  EXPECT_EQ(count_reports(*r.k, "recursive"), 0u);
}

TEST(Article, NoDeadlockOn39) {
  RenameRun r = article_rename("3.9");
  EXPECT_TRUE(r.k->reports().empty()) << kinds(*r.k);
  EXPECT_EQ(r.end, sk::run_end::all_exited);
  EXPECT_LT(r.ret, 0);  // /proc refuses the rename, but it returns
}

TEST(Article, SameSeedByteIdenticalReports) {
  for (uint64_t seed : {1u, 7u}) {
    RenameRun a = article_rename("3.8", all_on(), seed);
    RenameRun b = article_rename("3.8", all_on(), seed);
    ASSERT_EQ(a.k->reports().size(), b.k->reports().size());
    ASSERT_FALSE(a.k->reports().empty());
    for (size_t i = 0; i < a.k->reports().size(); i++) {
      EXPECT_EQ(a.k->reports()[i].text, b.k->reports()[i].text);
      EXPECT_EQ(title_of(a.k->reports()[i]), title_of(b.k->reports()[i]));
    }
  }
}

TEST(Article, ModernStyleReport) {
  sk::WatchdogOptions wo;
  wo.style = static_cast<int>(sk::lock_dump_style::modern);
  RenameRun r = article_rename("3.8", wo);
  const sk::Report* rep = find_report(*r.k, "blocked-self");
  ASSERT_NE(rep, nullptr);
  EXPECT_NE(rep->text.find("\n <TASK>\n schedule+0x"), std::string::npos) << rep->text;
  EXPECT_NE(rep->text.find("task:trinity-child2  state:D"), std::string::npos) << rep->text;
  EXPECT_NE(rep->text.find("locks held by trinity-child2/"), std::string::npos);
}
