#include "fuzzer/campaign/junit.h"

#include <fmt/format.h>

#include "fuzzer/campaign/outputs.h"
#include "fuzzer/util/interrupt.h"
#include "fuzzer/util/version.h"
#include "fuzzer/util/xml_text.h"
#include "simkernel/profiles.h"

namespace simtrinity {

namespace {

using util::xml_attr;
using util::xml_text;

// JUnit's classname is "package.Class" to Jenkins, which splits it at the
// last dot: the profile's dots become underscores ("simtrinity.kernel_3_8").
std::string class_name(const std::string& kernel) {
  std::string c = "simtrinity.kernel_";
  for (char ch : kernel) c += ch == '.' ? '_' : ch;
  return c;
}

}  // namespace

std::string junit_xml(const CampaignOptions& o, const CampaignResult& r) {
  const RunFlags& fl = o.flags;
  const std::string cls = xml_attr(class_name(fl.kernel));
  size_t failures = 0, skipped = 0;
  for (const auto& f : r.findings) {
    if (fails_campaign(f)) failures++;
    else if (f.suppressed) skipped++;
  }
  const size_t errors = r.save_failed ? 1 : 0;
  const size_t tests = 1 + r.findings.size();
  const std::string time = fmt::format("{:.3f}", r.wall_secs);

  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format("<testsuites name=\"simtrinity\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{}\">\n", tests,
                   failures, errors, time);
  x += fmt::format(
      "  <testsuite name=\"simtrinity run --kernel {}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{}\">\n",
      xml_attr(fl.kernel), tests, failures, errors, skipped, time);
  x += "    <properties>\n";
  auto prop = [&](std::string_view name, const std::string& value) {
    x += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml_attr(value));
  };
  const auto* prof = sk::find_profile(fl.kernel);
  prop("simtrinity", std::string(util::kVersion));
  prop("kernel", fl.kernel);
  prop("release", prof ? std::string(prof->release) : std::string());
  prop("seed", seed_hex(fl.seed));
  prop("children", std::to_string(fl.children));
  prop("jobs", std::to_string(fl.jobs));
  prop("budget", fl.syscalls ? std::to_string(fl.syscalls) : std::string("none"));
  prop("runs", std::to_string(r.runs));
  prop("syscalls", std::to_string(r.syscalls));
  x += "    </properties>\n";

  x += fmt::format("    <testcase classname=\"{}\" name=\"campaign\" time=\"{}\">\n", cls, time);
  if (r.save_failed)
    x += fmt::format("      <error message=\"{}\" type=\"save\"/>\n",
                     xml_attr(fmt::format("a finding could not be written under '{}'", fl.out)));
  x += fmt::format("      <system-out>{}</system-out>\n",
                   xml_text(fmt::format("runs {}, syscalls {}, findings {} unique ({} new){}", r.runs, r.syscalls,
                                        r.findings.size(), r.new_findings,
                                        r.signal ? ", interrupted by " + util::signal_name(r.signal) : "")));
  x += "    </testcase>\n";

  for (const auto& f : r.findings) {
    x += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n", cls, xml_attr(f.title));
    if (fails_campaign(f))
      x += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_attr(f.title), xml_attr(f.kind),
                       xml_text(f.text));
    else if (f.suppressed)
      x += fmt::format("      <skipped message=\"{}\"/>\n", xml_attr(fmt::format("known bug ({}, id {})", f.kind, f.id)));
    else
      x += fmt::format("      <system-out>{}</system-out>\n",
                       xml_text(fmt::format("warning ({}, id {}), seen {} times:\n{}", f.kind, f.id, f.count, f.text)));
    x += "    </testcase>\n";
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace simtrinity
