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
  auto r = shell("xmllint --noout --schema " + shell_quote(kSchemas + "junit-10.xsd") + " " + shell_quote(file));
  return r.status == 0 ? "" : r.out;
}

// The SARIF validator's verdict ("" when `file` is valid SARIF 2.1.0).
inline std::string sarif_schema_errors(const std::string& file) {
  auto r = shell(shell_quote(kSchemas + "validate_sarif.py") + " " + shell_quote(file));
  return r.status == 0 ? "" : r.out.empty() ? "validator failed" : r.out;
}

}  // namespace simtest
