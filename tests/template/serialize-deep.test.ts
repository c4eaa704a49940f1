// format(type=json|yaml|toon) and tojson write nested levels once (into one buffer), instead of
// copying each level into its parent: same text as before (expected strings from the previous
// implementation, whose simpler shapes the template goldens check against the reference), in time
// linear in the output.
import { describe, expect, it } from 'vitest'
import { formatValue } from '../../core/template/serialize.ts'
import { jsonStringify, Kwargs } from '../../core/template/value.ts'
import { renderTemplate } from '../../core/template/compile.ts'

const NO_KW = new Kwargs(new Map())
// [value, json, yaml, toon, tojson(indent=2)]
const CASES: [unknown, string, string, string, string][] = [
  [[[1,[2,[3,{}]],{"a":[[],[{"b":"x\ny"}]]}]],"[[1,[2,[3,\"{}\"]],{\"a\":[[],[{\"b\":\"x\\ny\"}]]}]]","- - 1\n  - - 2\n    - - 3\n      - '{}'\n  - a:\n    - []\n    - - b: |-\n          x\n          y\n","[1]:\n  - [3]:\n    - 1\n    - [2]:\n      - 2\n      - [2]: 3,\"{}\"\n    - a[2]:\n        - [0]:\n        - [1]{b}:\n          \"x\\ny\"","[\n  [\n    1,\n    [\n      2,\n      [\n        3,\n        {}\n      ]\n    ],\n    {\n      \"a\": [\n        [],\n        [\n          {\n            \"b\": \"x\\ny\"\n          }\n        ]\n      ]\n    }\n  ]\n]"],
  [{"k":[{"a":1,"b":[1,[2]]},[3,{"c":null}]],"z":{"y":{"x":[]}}},"{\"k\":[{\"a\":1,\"b\":[1,[2]]},[3,{\"c\":null}]],\"z\":{\"y\":{\"x\":[]}}}","k:\n- a: 1\n  b:\n  - 1\n  - - 2\n- - 3\n  - c: null\nz:\n  y:\n    x: []\n","k[2]:\n  - a: 1\n    b[2]:\n      - 1\n      - [1]: 2\n  - [2]:\n    - 3\n    - c: null\nz:\n  y:\n    x[0]:","{\n  \"k\": [\n    {\n      \"a\": 1,\n      \"b\": [\n        1,\n        [\n          2\n        ]\n      ]\n    },\n    [\n      3,\n      {\n        \"c\": null\n      }\n    ]\n  ],\n  \"z\": {\n    \"y\": {\n      \"x\": []\n    }\n  }\n}"],
]

describe('serializing nested values', () => {
  it('lists in lists and maps: the same text as before', () => {
    for (const [v, json, yaml, toon, pretty] of CASES) {
      expect(formatValue(v, 'json', 'json', NO_KW)).toBe(json)
      expect(formatValue(v, 'yaml', 'yaml', NO_KW)).toBe(yaml)
      expect(formatValue(v, 'toon', 'toon', NO_KW)).toBe(toon)
      expect(jsonStringify(v, '  ')).toBe(pretty)
    }
  })

  it('a 1000-level value serializes; deeper ones a template builds fail with the limit named', () => {
    let v: unknown = 'x'
    for (let i = 0; i < 999; i++) v = { n: v }
    expect(formatValue(v, 'json', 'json', NO_KW)).toBe(JSON.stringify(v))
    expect(renderTemplate('{{ v|tojson|length }}', { v })).toBe(String(JSON.stringify(v).length))
    const deep = '{% set ns = namespace(x=1) %}{% for i in range(1500) %}{% set ns.x = {"n": ns.x} %}{% endfor %}'
    for (const f of ['tojson', 'format(type="json")', 'format(type="yaml")', 'format(type="toon")'])
      expect(() => renderTemplate(deep + '{{ ns.x|' + f + ' }}', {})).toThrow('value nested deeper than 1000 levels')
  })
})
