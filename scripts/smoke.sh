#!/usr/bin/env bash
# Smoke-run the built binary and the Node bundle on the demo project.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=scripts/demo/baml_src
for bin in ./dist/baml "node dist/baml.mjs"; do
  $bin --version | grep -q '^baml-cli '
  $bin --help >/dev/null
  $bin check --from "$demo" 2>/dev/null
  if $bin check --from tests/golden/conformance/check/invalid-unknown-client/baml_src 2>/dev/null; then
    echo "check should fail on an invalid project" >&2; exit 1
  fi
  $bin check --from "$demo" --json | grep -q '"ok": true'
  fresh=$(mktemp -d)
  $bin init --dest "$fresh" --client-type typescript >/dev/null
  $bin check --from "$fresh/baml_src" 2>/dev/null
  # generate writes the client with the runtime the binary embeds
  $bin generate --from "$fresh/baml_src" 2>/dev/null
  [ -s "$fresh/baml_client/runtime.mjs" ] && [ -s "$fresh/baml_client/index.ts" ] || { echo "generate wrote no client" >&2; exit 1; }
  rm -rf "$fresh"
done
echo "smoke OK"
