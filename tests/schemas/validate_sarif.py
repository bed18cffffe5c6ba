#!/usr/bin/python3
# Validates SARIF files against the OASIS SARIF 2.1.0 schema vendored beside
# this script, with Debian's python3-jsonschema (the schema is draft-04).
# Usage: validate_sarif.py FILE...   Exit 0 when every file is valid, else 1
# with one line per error.
import json
import os
import sys

import jsonschema

schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sarif-schema-2.1.0.json")
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft4Validator.check_schema(schema)
validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())

bad = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for err in validator.iter_errors(doc):
        bad += 1
        where = "/".join(str(p) for p in err.absolute_path)
        print(f"{path}: /{where}: {err.message}")
sys.exit(1 if bad or not sys.argv[1:] else 0)
