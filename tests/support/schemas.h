// What CI servers read, checked with the consumers' own schemas
// (tests/schemas/): JUnit with xmllint against Jenkins' junit-10.xsd, SARIF
// with python3-jsonschema against the OASIS SARIF 2.1.0 schema.
#pragma once
#include <string>

#include "tests/support/test_io.h"

namespace simtest {

inline const std::string kSchemas = std::string(SIMTRINITY_SOURCE_DIR) + "/tests/schemas/";

// xmllint's verdict on `file` against junit-10.xsd ("" when it validates).
inline std::string junit_schema_errors(const std::string& file) {
  auto r = shell("xmllint --noout --schema " + simtrinity::util::shell_word(kSchemas + "junit-10.xsd") + " " + simtrinity::util::shell_word(file));
  return r.status == 0 ? "" : r.out;
}

// The SARIF validator's verdict ("" when `file` is valid SARIF 2.1.0).
inline std::string sarif_schema_errors(const std::string& file) {
  auto r = shell(simtrinity::util::shell_word(kSchemas + "validate_sarif.py") + " " + simtrinity::util::shell_word(file));
  return r.status == 0 ? "" : r.out.empty() ? "validator failed" : r.out;
}

}  // namespace simtest
