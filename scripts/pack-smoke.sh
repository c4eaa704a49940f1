#!/usr/bin/env bash
# The npm package as a user gets it: pack it, check its size and contents, install the tarball into an
# empty project (no registry needed: everything it ships is bundled), import the library from Node and
# build a request, type-check a consumer under two module resolutions, and run the `baml` bin.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npm pack --silent --pack-destination "$tmp" >/dev/null
tgz=$(ls "$tmp"/baml-ts-*.tgz)
size=$(stat -c %s "$tgz")
echo "tarball: $(basename "$tgz") $((size / 1024)) KB"
if [ "$size" -ge $((2 * 1024 * 1024)) ]; then echo "tarball is over 2 MB" >&2; exit 1; fi
tar -tzf "$tgz" | sed 's|^package/||' | sort > "$tmp/files"
if grep -vE '^(package\.json|README\.md|LICENSE|dist/baml\.mjs|dist/lib/.*|dist/types/.*|dist/client-runtime/runtime\.(mjs|d\.mts))$' "$tmp/files"; then
  echo "the tarball ships files it should not (above)" >&2; exit 1
fi

mkdir "$tmp/app" && cd "$tmp/app"
echo '{"name": "app", "private": true, "type": "module"}' > package.json
npm install --silent --no-audit --no-fund --offline "$tgz"

node --input-type=module -e "
import { BamlRuntime } from 'baml-ts'
const rt = BamlRuntime.fromFiles('baml_src', {
  'baml_src/main.baml': 'function Hi(name: string) -> string {\n  client \"openai/gpt-4o\"\n  prompt #\"Say hi to {{ name }}\"#\n}\n',
}, { OPENAI_API_KEY: 'sk-smoke' })
const req = await rt.buildRequest('Hi', { name: 'Ada' })
if (req.url !== 'https://api.openai.com/v1/chat/completions') throw new Error('url: ' + req.url)
if (!JSON.stringify(req.body).includes('Say hi to Ada')) throw new Error('body: ' + JSON.stringify(req.body))
console.log('library: request built')
"

cat > consumer.ts <<'TS'
import { BamlRuntime, Collector, BamlValidationError, type HttpRequest } from 'baml-ts'
const rt: BamlRuntime = BamlRuntime.fromFiles('baml_src', {}, {})
const req: Promise<HttpRequest> = rt.buildRequest('F', {})
const c = new Collector()
export const used = [req, c, BamlValidationError]
TS
for res in node16 bundler; do
  mod=$([ $res = node16 ] && echo node16 || echo esnext)
  node "$root/node_modules/typescript/bin/tsc" --noEmit --strict --skipLibCheck false --lib es2022,dom \
    --module $mod --moduleResolution $res --target es2022 consumer.ts
  echo "types: ok under moduleResolution $res"
done

# A client generated to import its runtime from the package (client_package_name) type-checks and runs.
mkdir -p baml_src
cat > baml_src/main.baml <<'BAML'
class Person {
  name string
}
function Extract(text: string) -> Person {
  client "openai/gpt-4o"
  prompt #"{{ text }} {{ ctx.output_format }}"#
}
generator target {
  output_type "typescript"
  output_dir "../"
  version "0.226.2"
  module_format esm
  client_package_name "baml-ts"
}
BAML
npx --no-install baml generate 2>/dev/null
[ ! -e baml_client/runtime.mjs ] || { echo "client_package_name still wrote runtime.mjs" >&2; exit 1; }
cat > client.ts <<'TS'
import { b } from './baml_client/index.js'
const req = await b.request.Extract('Ada', { env: { OPENAI_API_KEY: 'sk-smoke' } })
const p = b.parse.Extract('{"name": "Ada"}')
if (req.body.json().model !== 'gpt-4o' || p.name !== 'Ada') throw new Error('package-mode client: ' + JSON.stringify([req.body.json(), p]))
console.log('generated client (runtime from the package): ok')
TS
node "$root/node_modules/typescript/bin/tsc" --strict --skipLibCheck false --lib es2022,dom --module esnext --moduleResolution bundler --target es2022 client.ts
node client.js

out=$(npx --no-install baml --version)
[ "$(npx --no-install baml-ts --version)" = "$out" ] || { echo "npx baml-ts differs from baml" >&2; exit 1; }
case "$out" in "baml-cli "*) echo "bin: $out" ;; *) echo "npx baml --version printed: $out" >&2; exit 1 ;; esac
echo "pack smoke OK"
