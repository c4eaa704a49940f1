#!/bin/bash
# Regenerates expected.json for golden SAP suites with the reference oracle.
# usage: tests/sap/tools/make_golden.sh [SUITE_DIR...]   (default: every suite under tests/golden/sap)
set -e
ORACLE=${ORACLE:-/work/shared/tools/oracle/oracle.mjs}
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then dirs=(tests/golden/sap/*/); fi
for d in "${dirs[@]}"; do
  d=${d%/}
  node "$ORACLE" "$d/baml_src" "$d/cases.json" > "$d/expected.json.tmp" 2>/dev/null
  mv "$d/expected.json.tmp" "$d/expected.json"
done
