// Template golden suite definitions: [id, params, template, args?, client?]. Each case becomes a
// function whose prompt is the template; make.mjs asks the reference for the requests.

export const CLIENTS = `client<llm> Local {
  provider openai-generic
  options {
    base_url "http://localhost:9000/v1"
    model "m"
  }
}

client<llm> Chat {
  provider openai
  options {
    model "gpt-4o"
  }
}

client<llm> Claude {
  provider anthropic
  options {
    model "claude-3-5-haiku-latest"
    max_tokens 512
    allowed_role_metadata ["cache_control"]
  }
}
`

const MODELS = `
enum Cond {
  MINT @alias("like new")
  WORN
  DAMAGED @description("needs repair")
}

class Inner {
  a int
  b string?
  note string @alias("remark")
}

class Item {
  title string @alias("name")
  year int
  price float
  tags string[]
  cond Cond
  inner Inner?
  attrs map<string, string>
  maybe int?
}

class Empty {
}

template_string Line(it: Item) #"{{ it.title }} ({{ it.year }})"#

template_string Greet(name: string, punct: string) #"
  Hello {{ name }}{{ punct }}
"#
`

const ITEM = { title: 'Dune', year: 1965, price: 9.5, tags: ['sf', 'classic'], cond: 'MINT', inner: { a: 1, b: null, note: 'n' }, attrs: { k: 'v' }, maybe: null }
const ITEM2 = { title: 'Emma', year: 1815, price: 4, tags: [], cond: 'WORN', attrs: {} }
const ITEM3 = { title: 'Beloved', year: 1987, price: 12.25, tags: ['novel'], cond: 'DAMAGED', inner: { a: 3, note: 'x' }, attrs: { a: 'b', c: 'd' } }

export const SUITES = {
  whitespace: {
    cases: [
      ['trim_blocks_if', 'x: bool', '{% if x %}\nyes\n{% endif %}\ndone', { x: true }],
      ['lstrip_blocks_indented_tags', 'xs: string[]', 'list:\n  {% for x in xs %}\n  - {{ x }}\n  {% endfor %}\nend', { xs: ['a', 'b'] }],
      ['variable_not_lstripped', 'x: string', 'a\n  {{ x }}\nb', { x: 'v' }],
      ['minus_both_sides', 'x: string', 'a   {{- x -}}   b', { x: 'v' }],
      ['minus_block', 'xs: string[]', 'start\n{%- for x in xs -%}\n  [{{ x }}]\n{%- endfor -%}\nend', { xs: ['a', 'b'] }],
      ['plus_disables_lstrip', 'x: bool', 'a\n    {%+ if x %}yes{% endif %}\nb', { x: true }],
      ['plus_end_keeps_newline', 'x: bool', 'a\n{% if x +%}\nyes\n{% endif %}\nb', { x: true }],
      ['comment_own_line', '', 'a\n{# note #}\nb'],
      ['comment_minus', '', 'a   {#- note -#}   b'],
      ['comment_inline', '', 'a {# note #} b'],
      ['raw_block', '', '{% raw %}{{ not rendered }} {% if %}{% endraw %}!'],
      ['raw_block_newlines', '', 'x\n{% raw %}\n  {{ a }}\n{% endraw %}\ny'],
      ['blank_lines_kept', 'x: string', 'a\n\n\n{{ x }}\n\nb', { x: 'v' }],
      ['trailing_newline_in_output', 'x: bool', '{% if x %}\nline\n{% endif %}', { x: true }],
      ['crlf_like_text', 'x: string', 'a {{ x }}\tb', { x: 'v' }],
      ['set_line_removed', 'x: int', '{% set y = x * 2 %}\ny={{ y }}', { x: 4 }],
      ['nested_blocks_indent', 'xs: int[]', '{% for x in xs %}\n  {% if x is even %}\n    even {{ x }}\n  {% else %}\n    odd {{ x }}\n  {% endif %}\n{% endfor %}', { xs: [1, 2] }],
      ['macro_whitespace', '', '{% macro m(x) %}\n  <{{ x }}>\n{% endmacro %}\n{{ m(1) }}|{{ m(2) }}'],
    ],
  },

  printing: {
    preamble: MODELS,
    cases: [
      ['ints_floats', 'i: int, f: float, g: float', '{{ i }} {{ f }} {{ g }} {{ 2.0 }} {{ 1e3 }} {{ 0.1 + 0.2 }} {{ 1.5e-7 }} {{ -0.0 }} {{ 10 / 4 }} {{ 10 / 5 }}', { i: 3, f: 2, g: 2.25 }],
      ['big_and_small_floats', '', '{{ 1e16 }} {{ 1e21 }} {{ [1e16, 1e15, 0.0001, 0.00001, 123456789.125] }} {{ 2 ** 50 }}'],
      ['bools_none', 'b: bool, n: string?', '{{ b }} {{ true }} {{ False }} {{ n }} {{ none }} {{ None }} [{{ missing }}]', { b: false, n: null }],
      ['strings_in_lists', '', `{{ ["a", 'b"c', "d'e", "x\\ny", "t\\tz", "\\\\", "é", "\\u00e9"] }}`],
      ['nested_literals', '', '{{ [[1, 2], {"a": [none, true]}, []] }} {{ {} }} {{ {"k": {}} }}'],
      ['map_literal_key_order', '', '{{ {"b": 1, "a": 2, "10": 3, 2: 4} }}'],
      ['bool_keys_and_ints', '', '{{ {true: 1, 1: 2} }} {{ {1.5: "x"} }}'],
      ['class_pretty', 'it: Item', '{{ it }}', { it: ITEM }],
      ['class_missing_optional', 'it: Item', '{{ it }}', { it: ITEM2 }],
      ['class_in_list', 'items: Item[]', '{{ items }}', { items: [ITEM2, ITEM3] }],
      ['class_in_map_literal', 'it: Inner', '{{ {"x": it} }} {{ [it] }}', { it: { a: 1, note: 'q' } }],
      ['class_attrs_real_names', 'it: Item', '{{ it.title }}|{{ it.name }}|{{ it.inner.note }}|{{ it.inner.remark }}|{{ it.tags }}|{{ it.attrs }}|{{ it.maybe }}|{{ it.inner.b }}', { it: ITEM }],
      ['class_nested_none_vs_map_none', 'it: Item, m: map<string, string?>', '{{ it.inner }} {{ m }}', { it: ITEM, m: { a: null, b: 'x' } }],
      ['empty_class', 'e: Empty', '[{{ e }}] {{ e is mapping }} {{ e|length }} {% if e %}truthy{% else %}falsy{% endif %}', { e: {} }],
      ['enum_print_and_value', 'c: Cond, d: Cond', '{{ c }} {{ c.value }} {{ d }} {{ d.value }} {{ [c, d] }} {{ Cond.MINT }} {{ Cond.DAMAGED.value }}', { c: 'MINT', d: 'DAMAGED' }],
      ['enum_compare', 'c: Cond', '{{ c == "MINT" }} {{ "MINT" == c }} {{ c == "like new" }} {{ c != "WORN" }} {{ c == Cond.MINT }} {{ c in ["MINT", "WORN"] }} {{ c < "N" }}', { c: 'MINT' }],
      ['enum_truthy_and_tests', 'c: Cond', '{% if c %}t{% endif %} {{ c is string }} {{ c is mapping }} {{ c is defined }} {{ c|string }} {{ c|length is defined }}', { c: 'WORN' }],
      ['list_of_optional', 'xs: (int | null)[]', '{{ xs }} {{ xs|list }} {{ xs[1] }}', { xs: [1, null, 3] }],
      ['list_of_maps', 'xs: map<string, int>[]', '{{ xs }}', { xs: [{ a: 1 }, { b: 2 }] }],
      ['map_of_lists', 'm: map<string, int[]>', '{{ m }} {{ m.a }} {{ m["b"] }}', { m: { a: [1], b: [] } }],
      ['float_list_arg', 'xs: float[]', '{{ xs }} {{ xs[0] }} {{ xs|sum }}', { xs: [1, 2.5, 3] }],
      ['template_string_calls', 'it: Item', '{{ Line(it) }}|{{ Greet("Ann", "!") }}|{{ Greet(name="Bo", punct="?") }}', { it: ITEM }],
      ['template_string_missing_arg', '', '[{{ Greet("Ann") }}]'],
      ['pprint', 'it: Inner', '{{ [1, {"a": [2]}]|pprint }}\n{{ it|pprint }}', { it: { a: 1, note: 'q' } }],
      ['tojson_class_and_enum', 'it: Item', '{{ it|tojson }}\n{{ it.cond|tojson }}\n{{ it|tojson(indent=2) }}', { it: ITEM2 }],
      ['string_methods_on_enum_fail', 'c: Cond', '{{ c.lower() }}', { c: 'MINT' }],
    ],
  },

  operators: {
    cases: [
      ['arith_ints', 'a: int, b: int', '{{ a + b }} {{ a - b }} {{ a * b }} {{ a / b }} {{ a // b }} {{ a % b }} {{ a ** b }} {{ -a }} {{ - -a }}', { a: 7, b: 3 }],
      ['arith_negative', 'a: int, b: int', '{{ a // b }} {{ a % b }} {{ -a // b }} {{ -a % b }} {{ a // -b }} {{ a % -b }}', { a: 7, b: 2 }],
      ['arith_floats', 'x: float, y: float', '{{ x + y }} {{ x - y }} {{ x * y }} {{ x / y }} {{ x // y }} {{ x % y }} {{ x ** 2 }} {{ 2 ** 0.5 }}', { x: 7.5, y: 2 }],
      ['mixed_int_float', '', '{{ 1 + 1.0 }} {{ 3 * 1.5 }} {{ 2 - 0.5 }} {{ 9 / 3 }} {{ 1.5 // 1 }} {{ true + 1 }} {{ true * 3 }}'],
      ['string_ops', '', '{{ "a" + "b" }} {{ "ab" * 2 }} {{ 3 * "x" }} {{ "a" ~ 1 ~ 2.5 ~ true ~ none }} {{ [1] + [2, 3] }} {{ [0] * 3 }}'],
      ['concat_precedence', '', '{{ 1 + 2 ~ 3 }} {{ "a" ~ 1 + 2 }}'],
      ['precedence', '', '{{ 2 + 3 * 4 }} {{ (2 + 3) * 4 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }} {{ 10 - 2 - 3 }} {{ not 1 == 2 }} {{ 1 < 2 < 3 }}'],
      ['comparisons', '', '{{ 1 == 1.0 }} {{ "a" < "b" }} {{ [1, 2] == [1, 2] }} {{ [1, 2] < [1, 3] }} {{ {"a": 1} == {"a": 1} }} {{ none == none }} {{ 1 != "1" }} {{ "B" < "a" }}'],
      ['cross_kind_ordering', '', '{{ none < false }} {{ false < 0 }} {{ 1 < "" }} {{ "z" < [] }} {{ [] < {} }}'],
      ['logic_values', '', '{{ 1 and "x" }} {{ 0 and "x" }} {{ "" or "d" }} {{ "v" or "d" }} {{ none or none }} {{ not none }} {{ not [] }} {{ [] or [1] }}'],
      ['in_operator', 'm: map<string, int>', '{{ "a" in m }} {{ "z" in m }} {{ 1 in [1, 2] }} {{ "ell" in "hello" }} {{ 3 not in [1] }} {{ 1 in "a1b" }}', { m: { a: 1 } }],
      ['inline_if_chain', 'n: int', '{{ "neg" if n < 0 else "zero" if n == 0 else "pos" }}', { n: 0 }],
      ['inline_if_no_else', 'n: int', '[{{ "big" if n > 10 }}]', { n: 1 }],
      ['div_by_zero_float', '', '{{ 1 / 0 }} {{ -1 / 0 }} {{ 0 / 0 }} {{ 1.0 // 0 }}'],
      ['int_div_by_zero_error', '', '{{ 1 // 0 }}'],
      ['mod_by_zero_error', '', '{{ 1 % 0 }}'],
      ['add_type_error', '', '{{ 1 + "a" }}'],
      ['sub_strings_error', '', '{{ "a" - "b" }}'],
      ['neg_string_error', '', '{{ -"a" }}'],
      ['slices', '', '{{ "abcdef"[1:4] }} {{ "abcdef"[:2] }} {{ "abcdef"[-2:] }} {{ "abcdef"[::2] }} {{ "abcdef"[::-1] }} {{ [1, 2, 3, 4][1:] }} {{ [1, 2, 3, 4][-3:-1] }} {{ [1, 2, 3][::-2] }} {{ [1, 2, 3][5:] }}'],
      ['slice_negative_step_bounds', '', '{{ [1, 2, 3, 4][2:0:-1] }} {{ [1, 2, 3, 4][3:1:-1] }} {{ "abcd"[2::-1] }} {{ none[1:] }}'],
      ['indexing', 'xs: string[]', '{{ xs[0] }} {{ xs[-1] }} [{{ xs[9] }}] {{ "abc"[1] }} {{ "abc"[-1] }} {{ {"a": 1}["a"] }} [{{ {"a": 1}["b"] }}]', { xs: ['x', 'y'] }],
      ['attr_on_none_and_string', 'n: string?', '[{{ n.x }}] [{{ "abc".x }}] [{{ (5).x }}] [{{ [1].x }}]', { n: null }],
      ['undefined_attr_error', '', '{{ nope.x }}'],
      ['undefined_item_error', '', '{{ nope["x"] }}'],
      ['undefined_printing', '', '[{{ nope }}] [{{ nope ~ "x" }}] {{ nope is undefined }} {{ nope|default("d") }}'],
      ['undefined_in_ops', '', '{{ nope + 1 }}'],
      ['adjacent_strings', '', '{{ "a" "b" \'c\' }}'],
      ['string_escapes', '', '{{ "tab\\tend" }}|{{ "q\\"q" }}|{{ \'s\\\'s\' }}|{{ "\\u0041\\x42\\101" }}|{{ "a\\/b" }}'],
      ['number_literals', '', '{{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }} {{ 1. }} {{ 1e2 }} {{ 012 }}'],
    ],
  },

  filters: {
    preamble: MODELS,
    cases: [
      ['case_filters', 's: string', '{{ s|upper }}|{{ s|lower }}|{{ s|title }}|{{ s|capitalize }}', { s: "hELLO wORLD-foo_bar o'neil 3d" }],
      ['case_filters_non_string', '', '{{ 5|upper }}|{{ none|lower }}|{{ [1]|title }}|{{ true|capitalize }}'],
      ['trim_replace', 's: string', '[{{ s|trim }}]|[{{ s|trim("x ") }}]|{{ s|replace(" ", "_") }}|{{ s|replace("", "-") }}|{{ "aaa"|replace("a", "b") }}', { s: ' xx hi xx ' }],
      ['length_count', 'xs: int[], m: map<string, int>', '{{ xs|length }} {{ "héllo"|length }} {{ m|length }} {{ xs|count }} {{ ""|length }}', { xs: [1, 2, 3], m: { a: 1, b: 2 } }],
      ['length_error', '', '{{ 5|length }}'],
      ['first_last', 'xs: int[], m: map<string, int>', '{{ xs|first }} {{ xs|last }} {{ "abc"|first }} {{ "abc"|last }} {{ m|first }} [{{ []|first }}] [{{ ""|last }}]', { xs: [1, 2, 3], m: { a: 1, b: 2 } }],
      ['last_of_map_error', 'm: map<string, int>', '{{ m|last }}', { m: { a: 1 } }],
      ['join', 'xs: string[]', '{{ xs|join }}|{{ xs|join(", ") }}|{{ [1, none, true]|join("-") }}|{{ none|join(",") }}|{{ {"a": 1, "b": 2}|join(",") }}|{{ "abc"|join(".") }}', { xs: ['a', 'b'] }],
      ['split', '', '{{ "a b  c"|split }} {{ "a,b,,c"|split(",") }} {{ "a b c"|split(" ", 1) }} {{ "  a  b  "|split(none, 1) }}'],
      ['lines', '', '{{ "a\\nb\\r\\nc\\n"|lines }} {{ ""|lines }}'],
      ['default', 'n: string?, e: string[]', '{{ n|default("d") }}|{{ missing|default("d") }}|{{ missing|d("x") }}|{{ e|default("d") }}|{{ e|default("d", true) }}|{{ ""|default("d", true) }}|{{ 0|default(1, true) }}|[{{ missing|default }}]', { n: null, e: [] }],
      ['round_abs', 'f: float, i: int', '{{ f|round }} {{ f|round(1) }} {{ 2.5|round }} {{ -2.5|round }} {{ 0.5|round }} {{ 1.005|round(2) }} {{ i|round }} {{ i|abs }} {{ -3.5|abs }} {{ 1234.5678|round(-2) }}', { f: 7.46, i: -4 }],
      ['round_method_kwarg_error', '', '{{ 2.5|round(method="floor") }}'],
      ['int_float_conv', '', '{{ "42"|int }} {{ "-3.9"|int }} {{ 3.99|int }} {{ -3.99|int }} {{ true|int }} {{ none|int }} {{ "7"|float }} {{ 3|float }} {{ "1e3"|float }} {{ none|float }} {{ false|float }}'],
      ['int_bad_string_error', '', '{{ "abc"|int }}'],
      ['float_bad_string_error', '', '{{ "1,5"|float }}'],
      ['string_bool_conv', '', '{{ 1|string ~ "!" }} {{ 2.0|string }} {{ none|string }} {{ [1, "a"]|string }} {{ ""|bool }} {{ "x"|bool }} {{ []|bool }} {{ 0.0|bool }}'],
      ['list_filter', 'm: map<string, int>', '{{ "abc"|list }} {{ m|list }} {{ (1, 2)|list }} {{ none|list }} {{ range(3)|list }}', { m: { a: 1, b: 2 } }],
      ['sort', 'xs: int[], ws: string[]', '{{ xs|sort }} {{ xs|sort(reverse=true) }} {{ ws|sort }} {{ ws|sort(case_sensitive=true) }} {{ [3, "a", 1.5, none, true]|sort }}', { xs: [3, 1, 2], ws: ['b', 'C', 'a'] }],
      ['sort_by_attribute', 'items: Item[]', '{{ items|sort(attribute="year")|map(attribute="title")|join(",") }} {{ items|sort(attribute="price", reverse=true)|map(attribute="title")|join(",") }} {{ items|sort(attribute="inner.a")|map(attribute="year")|join(",") }}', { items: [ITEM, ITEM2, ITEM3] }],
      ['sort_by_two_attributes', '', '{{ [{"a": 2, "b": 1}, {"a": 1, "b": 2}, {"a": 1, "b": 1}]|sort(attribute="a, b") }}'],
      ['dictsort', 'm: map<string, int>', '{{ m|dictsort }} {{ m|dictsort(by="value") }} {{ m|dictsort(reverse=true) }} {{ {"b": 1, "A": 2, "a": 3}|dictsort }} {{ {"b": 1, "A": 2}|dictsort(case_sensitive=true) }}', { m: { b: 2, a: 3, c: 1 } }],
      ['items_filter', 'm: map<string, int>', '{{ m|items }} {% for k, v in m|items %}{{ k }}={{ v }};{% endfor %} {{ m|items|list }}', { m: { b: 2, a: 3 } }],
      ['reverse', 'xs: int[]', '{{ xs|reverse }} {{ "abc"|reverse }} {{ xs|reverse|list }} {{ none|reverse }} {{ {"a": 1, "b": 2}|reverse }}', { xs: [1, 2, 3] }],
      ['unique', '', '{{ [1, 2, 1, 3, 2]|unique }} {{ ["a", "A", "b"]|unique }} {{ ["a", "A", "b"]|unique(case_sensitive=true) }} {{ [{"x": 1}, {"x": 1}, {"x": 2}]|unique(attribute="x") }}'],
      ['min_max_sum', 'xs: int[], fs: float[]', '{{ xs|min }} {{ xs|max }} {{ xs|sum }} {{ fs|sum }} {{ fs|max }} {{ ["b", "a"]|min }} [{{ []|max }}] {{ []|sum }} {{ [1.0, 2.0]|sum }} {{ [true, 2]|sum }} {{ ["x", 1]|sum }}', { xs: [3, 1, 2], fs: [1.5, 2.25] }],
      ['sum_of_map_error', '', '{{ {"a": 1}|sum }}'],
      ['batch_slice', '', '{{ [1, 2, 3, 4, 5]|batch(2) }} {{ [1, 2, 3]|batch(2, "x") }} {{ [1, 2, 3, 4, 5]|slice(2) }} {{ [1, 2, 3, 4]|slice(3, 0) }} {{ []|batch(3) }}'],
      ['batch_zero_error', '', '{{ [1]|batch(0) }}'],
      ['indent', 's: string', '{{ s|indent(2) }}\n--\n{{ s|indent(2, true) }}\n--\n{{ s|indent(4, true, true) }}', { s: 'a\n\nb\nc\n' }],
      ['indent_kwargs_error', 's: string', '{{ s|indent(2, first=true) }}', { s: 'a\nb' }],
      ['select_reject', 'xs: int[]', '{{ xs|select("odd") }} {{ xs|reject("odd") }} {{ xs|select("gt", 2) }} {{ xs|select("divisibleby", 2) }} {{ [0, 1, "", "a", none]|select }} {{ [0, 1, ""]|reject }} {{ xs|select("in", [1, 4]) }}', { xs: [1, 2, 3, 4] }],
      ['select_unknown_test_error', '', '{{ [1]|select("nosuchtest") }}'],
      ['selectattr_rejectattr', 'items: Item[]', '{{ items|selectattr("inner")|map(attribute="title")|list }} {{ items|rejectattr("tags")|map(attribute="title")|list }} {{ items|selectattr("year", "lt", 1900)|map(attribute="title")|list }} {{ items|selectattr("cond", "eq", "WORN")|map(attribute="title")|list }} {{ items|selectattr("inner.a", "ge", 2)|list|length }}', { items: [ITEM, ITEM2, ITEM3] }],
      ['map_filter', 'items: Item[]', '{{ items|map(attribute="year")|list }} {{ items|map(attribute="inner.a", default=0)|list }} {{ items|map(attribute="nope")|list }} {{ ["a", "b"]|map("upper")|join }} {{ [1.26, 2.5]|map("round", 1)|list }} {{ [[1, 2], [3]]|map(attribute=0)|list }}', { items: [ITEM, ITEM2, ITEM3] }],
      ['map_unknown_filter_error', '', '{{ [1]|map("nosuchfilter")|list }}'],
      ['groupby', 'items: Item[]', '{% for g in items|groupby("cond") %}{{ g.grouper }}:{{ g.list|map(attribute="title")|join("+") }};{% endfor %} {% for k, vs in [{"k": 1}, {"k": 2}, {"k": 1}]|groupby("k") %}{{ k }}={{ vs|length }};{% endfor %} {{ [{"k": 1}]|groupby("k") }}', { items: [ITEM, ITEM2, ITEM3] }],
      ['attr_filter', 'it: Item', '{{ it|attr("title") }} [{{ it|attr("name") }}] {{ {"a": 1}|attr("a") }} {{ [5, 6]|attr(1) }}', { it: ITEM }],
      ['chain_zip', '', '{{ [1, 2]|chain([3], "ab")|list }} {{ {"a": 1}|chain({"b": 2, "a": 9}) }} {{ [1, 2, 3]|zip("ab")|list }} {{ [1, 2]|zip([3, 4], [5, 6])|list }}'],
      ['escape_safe', '', `{{ "<a href='x'>&\\"</a>"|escape }} {{ "<b>"|e }} {{ "<b>"|safe }} {{ 5|escape }}`],
      ['tojson', 'm: map<string, float>', '{{ m|tojson }} {{ [1, "a<b>", none, true]|tojson }} {{ {"a": [1, {"b": 2}]}|tojson(indent=2) }} {{ "it\'s & <x>"|tojson }} {{ 1.0|tojson }} {{ {"a": 1}|tojson(true) }}', { m: { x: 2, y: 0.5 } }],
      ['format_json', 'it: Item, items: Item[]', '{{ it|format(type="json") }}\n{{ items|format(type="json") }}\n{{ {"a": 2.0, "b": 2.5, "c": {}, "d": []}|format(type="json") }}\n{{ "s"|format(format="json") }}', { it: ITEM, items: [ITEM2] }],
      ['format_yaml', 'it: Item', '{{ it|format(type="yaml") }}---\n{{ [1, [2, 3], {"a": {"b": [4]}}, "multi\\nline", "", "true", "1.5", "- x", "x: y", \'#h\']|format(type="yaml") }}', { it: ITEM }],
      ['format_yaml_scalars', '', '{{ "plain"|format(type="yaml") }}|{{ 5|format(type="yaml") }}|{{ none|format(type="yaml") }}|{{ [[]]|format(type="yaml") }}|{{ {"k": [{"a": 1, "b": [1]}]}|format(type="yaml") }}'],
      ['format_toon', 'it: Item, items: Item[]', '{{ it|format(type="toon") }}\n---\n{{ items|format(type="toon") }}\n---\n{{ {"rows": [{"a": 1, "b": "x"}, {"a": 2, "b": "y, z"}], "n": null, "s": "", "t": "true", "u": "a:b"}|format(type="toon") }}', { it: ITEM, items: [ITEM2, ITEM3] }],
      ['format_toon_options', '', '{{ {"a": [1, 2], "b": [{"x": 1}, {"x": 2}]}|format(type="toon", delimiter="tab") }}\n---\n{{ {"a": [1, 2]}|format(type="toon", length_marker="@", delimiter="pipe") }}\n---\n{{ {"a": {"b": [1]}}|format(type="toon", indent=4) }}'],
      ['format_unknown_type_error', '', '{{ 1|format(type="xml") }}'],
      ['format_missing_type_error', '', '{{ 1|format }}'],
      ['format_positional_error', '', '{{ "%s"|format(1) }}'],
      ['regex_match', 's: string', '{{ s|regex_match("^[a-z]+@") }} {{ s|regex_match("\\\\d{3}") }} {{ s|regex_match("[") }} {{ 123|regex_match("2") }} {{ s|regex_match("(?i)ANN") }}', { s: 'ann@example.com' }],
      ['unknown_filter_in_dead_branch', '', '{% if false %}{{ 1|nosuchfilter }}{% endif %}ok'],
      ['unknown_filter_error', '', '{{ 1|nosuchfilter }}'],
      ['urlencode_is_unknown', '', '{{ "a b"|urlencode }}'],
      ['filter_chain_precedence', '', '{{ -3|abs }} {{ "a" ~ "b"|upper }} {{ [3, 1]|sort|first }} {{ 1 + 2|string }}'],
      ['filter_block', 's: string', '{% filter upper %}hi {{ s }}{% endfilter %}|{% filter replace("a", "o")|upper %}banana{% endfilter %}', { s: 'x' }],
      ['set_block_with_filter', '', '{% set x | trim | upper %}\n  hello\n{% endset %}[{{ x }}]'],
    ],
  },

  tests: {
    preamble: MODELS,
    cases: [
      ['defined_undefined_none', 'n: string?, s: string', '{{ n is defined }} {{ n is none }} {{ s is none }} {{ x is defined }} {{ x is undefined }} {{ none is none }} {{ s is not none }} {{ n is not defined }}', { n: null, s: 'a' }],
      ['number_tests', 'i: int, f: float', '{{ i is number }} {{ f is number }} {{ i is integer }} {{ f is integer }} {{ i is float }} {{ f is float }} {{ 2.0 is float }} {{ 2.0 is integer }} {{ "1" is number }} {{ true is number }} {{ i is int }}', { i: 3, f: 2 }],
      ['even_odd_divisible', '', '{{ 4 is even }} {{ 3 is odd }} {{ 4.0 is even }} {{ 3.5 is odd }} {{ "4" is even }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(2) }} {{ 7.5 is divisibleby 2.5 }} {{ 1 is divisibleby 0 }}'],
      ['type_tests', 'xs: int[], m: map<string, int>, it: Inner', '{{ xs is sequence }} {{ m is sequence }} {{ "s" is sequence }} {{ xs is mapping }} {{ m is mapping }} {{ it is mapping }} {{ "s" is iterable }} {{ 5 is iterable }} {{ none is iterable }} {{ x is iterable }} {{ range(2) is sequence }} {{ range(2) is iterable }} {{ true is boolean }} {{ 1 is boolean }} {{ "s" is string }} {{ it is string }}', { xs: [1], m: { a: 1 }, it: { a: 1, note: 'n' } }],
      ['comparison_tests', '', '{{ 3 is gt 2 }} {{ 3 is greaterthan 3 }} {{ 3 is ge 3 }} {{ 2 is lt 3 }} {{ 2 is lessthan 2 }} {{ 2 is le 2 }} {{ 2 is eq 2 }} {{ 2 is equalto 3 }} {{ 2 is ne 3 }} {{ "a" is eq "a" }}'],
      ['string_tests', '', '{{ "abc" is startingwith "ab" }} {{ "abc" is endingwith "bc" }} {{ "abc" is lower }} {{ "aBc" is lower }} {{ "ABC" is upper }} {{ "a b" is lower }} {{ 123 is startingwith "1" }}'],
      ['lower_test_non_string_error', '', '{{ 5 is lower }}'],
      ['in_true_false_tests', '', '{{ 1 is in [1, 2] }} {{ "a" is in "cat" }} {{ 3 is in [1] }} {{ true is true }} {{ 1 is true }} {{ false is false }} {{ none is false }} {{ 1 is in 5 }}'],
      ['filter_test_tests', '', '{{ "upper" is filter }} {{ "nope" is filter }} {{ "odd" is test }} {{ "nope" is test }} {{ "sum" is filter }} {{ "regex_match" is filter }} {{ "format" is filter }}'],
      ['sameas', 'xs: int[]', '{{ 1 is sameas 1 }} {{ 1 is sameas 1.0 }} {{ none is sameas none }} {{ xs is sameas xs }} {{ [1] is sameas [1] }} {{ true is sameas 1 }}', { xs: [1] }],
      ['unknown_test_error', '', '{{ 1 is nosuchtest }}'],
      ['test_precedence', '', '{{ 1 + 1 is even }} {{ not 2 is odd }} {{ 3 is odd and 4 is even }} {{ 2 is divisibleby 2 if true else 0 }}'],
    ],
  },

  control: {
    preamble: MODELS,
    cases: [
      ['loop_vars', 'xs: string[]', '{% for x in xs %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.first }}/{{ loop.last }}/{{ loop.length }}/{{ loop.depth }}/{{ loop.depth0 }} {% endfor %}', { xs: ['a', 'b', 'c'] }],
      ['loop_cycle_changed', 'xs: int[]', '{% for x in xs %}{{ loop.cycle("odd", "even") }}{% if loop.changed(x) %}*{% endif %} {% endfor %}', { xs: [1, 1, 2, 2, 3] }],
      ['loop_prev_next', 'xs: int[]', '{% for x in xs %}[{{ loop.previtem }}<{{ x }}>{{ loop.nextitem }}]{% endfor %}', { xs: [1, 2, 3] }],
      ['loop_object_print', 'xs: int[]', '{% for x in xs %}{{ loop }} {% endfor %}', { xs: [1, 2] }],
      ['nested_loops', 'm: map<string, int[]>', '{% for k in m %}{{ k }}:{% for v in m[k] %}{{ loop.index }}.{{ v }}{% if not loop.last %},{% endif %}{% endfor %}({{ loop.index }});{% endfor %}', { m: { a: [1, 2], b: [3] } }],
      ['outer_loop_var_via_set', 'xs: string[]', '{% for x in xs %}{% set outer = loop %}{% for y in xs %}{{ outer.index }}{{ loop.index }} {% endfor %}{% endfor %}', { xs: ['a', 'b'] }],
      ['loop_else', 'xs: int[]', '{% for x in xs %}{{ x }}{% else %}empty{% endfor %}|{% for x in [] %}x{% else %}none{% endfor %}', { xs: [] }],
      ['loop_filter', 'xs: int[]', '{% for x in xs if x is odd %}{{ x }}:{{ loop.index }}/{{ loop.length }} {% endfor %}', { xs: [1, 2, 3, 4, 5] }],
      ['loop_unpack', '', '{% for a, b in [[1, 2], [3, 4]] %}{{ a }}+{{ b }} {% endfor %}{% for (a, b), c in [[[1, 2], 3]] %}{{ a }}{{ b }}{{ c }}{% endfor %}'],
      ['loop_unpack_error', '', '{% for a, b in [[1, 2, 3]] %}{{ a }}{% endfor %}'],
      ['loop_over_string_and_map', 'm: map<string, int>', '{% for c in "abc" %}{{ c }}.{% endfor %} {% for k in m %}{{ k }}{% endfor %} {% for k, v in m.items() %}{{ k }}{{ v }}{% endfor %}', { m: { x: 1, y: 2 } }],
      ['loop_over_class', 'it: Inner', '{% for k in it %}{{ k }},{% endfor %} {% for k, v in it|items %}{{ k }}={{ v }};{% endfor %}', { it: { note: 'n', a: 1 } }],
      ['loop_over_none_and_undefined', 'n: int[]?', '{% for x in n %}x{% else %}a{% endfor %}{% for x in nope %}x{% else %}b{% endfor %}', { n: null }],
      ['loop_over_int_error', '', '{% for x in 5 %}{{ x }}{% endfor %}'],
      ['loop_scoping', 'xs: int[]', '{% set total = 0 %}{% for x in xs %}{% set total = total + x %}{% endfor %}{{ total }}|{% set ns = namespace(t=0) %}{% for x in xs %}{% set ns.t = ns.t + x %}{% endfor %}{{ ns.t }}', { xs: [1, 2, 3] }],
      ['loop_set_persists_across_iterations', 'xs: int[]', '{% for x in xs %}{% if loop.first %}{% set seen = x %}{% endif %}[{{ seen }}]{% endfor %}[{{ seen }}]', { xs: [1, 2] }],
      ['loop_var_shadows_arg', 'x: string, xs: int[]', '{% for x in xs %}{{ x }}{% endfor %}{{ x }}', { x: 'outer', xs: [1, 2] }],
      ['recursive_loop', '', '{% for n in [{"v": 1, "c": [{"v": 2, "c": []}, {"v": 3, "c": [{"v": 4, "c": []}]}]}] recursive %}{{ n.v }}@{{ loop.depth }}[{{ loop(n.c) }}]{% endfor %}'],
      ['range_forms', '', '{{ range(3)|list }} {{ range(1, 4)|list }} {{ range(0, 10, 3)|list }} {{ range(5, 0, -2)|list }} {{ range(0)|list }} {{ range(3) }} {{ range(3)|length }}'],
      ['range_step_zero_error', '', '{{ range(1, 2, 0) }}'],
      ['if_elif_else', 'n: int', '{% if n > 2 %}big{% elif n > 1 %}mid{% elif n > 0 %}small{% else %}none{% endif %}', { n: 1 }],
      ['if_truthiness', 'e: string[], z: int, s: string, m: map<string, int>', '{% if e %}1{% endif %}{% if z %}2{% endif %}{% if s %}3{% endif %}{% if m %}4{% endif %}{% if not e %}5{% endif %}{% if missing %}6{% endif %}{% if 0.0 %}7{% endif %}{% if "0" %}8{% endif %}', { e: [], z: 0, s: '', m: {} }],
      ['set_forms', '', '{% set a = 1 %}{% set b, c = [2, 3] %}{% set d = 4, 5 %}{{ a }}{{ b }}{{ c }}{{ d }}'],
      ['set_block', 'x: string', '{% set msg %}Hello {{ x }}!{% endset %}[{{ msg }}] {{ msg|length }}', { x: 'you' }],
      ['set_shadows_arg', 'x: string', '{{ x }}{% set x = "new" %}{{ x }}', { x: 'old' }],
      ['set_in_if_branch_not_taken', 'x: string', '{% if false %}{% set x = "new" %}{% endif %}{{ x }}', { x: 'old' }],
      ['namespace_forms', '', '{% set ns = namespace() %}{% set ns.a = 1 %}{% set ns.b = [1] %}{{ ns.a }}{{ ns.b }} {{ ns }} {% set n2 = namespace({"x": 1}, y=2) %}{{ n2.x }}{{ n2.y }}'],
      ['set_attr_on_non_namespace_error', '', '{% set d = {"a": 1} %}{% set d.a = 2 %}'],
      ['with_block', 'x: int', '{% with a = x + 1, b = 2 %}{{ a }}{{ b }}{% with a = 9 %}{{ a }}{% endwith %}{{ a }}{% endwith %}[{{ a }}]', { x: 1 }],
      ['macro_defaults_kwargs', '', '{% macro m(a, b=2, c="c") %}{{ a }}-{{ b }}-{{ c }}{% endmacro %}{{ m(1) }} {{ m(1, 3) }} {{ m(1, c="z") }} {{ m(a=5) }} [{{ m() }}]'],
      ['macro_too_many_args_error', '', '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}'],
      ['macro_unknown_kwarg_error', '', '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(b=1) }}'],
      ['macro_sees_args_and_sets', 'x: string', '{% set y = "Y" %}{% macro m() %}{{ x }}{{ y }}{% endmacro %}{{ m() }}{% set y = "Z" %}{{ m() }}', { x: 'X' }],
      ['macro_scope_isolated', '', '{% macro m() %}{% set inner = 1 %}{{ inner }}{% endmacro %}{{ m() }}[{{ inner }}]'],
      ['macro_recursion', '', '{% macro fact(n) %}{% if n <= 1 %}1{% else %}{{ n * fact(n - 1)|int }}{% endif %}{% endmacro %}{{ fact(5) }}'],
      ['macro_as_value', '', '{% macro m(x) %}<{{ x }}>{% endmacro %}{% set f = m %}{{ f("a") }} {{ m.name }} {{ m.arguments }} {{ m }}'],
      ['call_block', '', '{% macro wrap(t) %}[{{ t }}:{{ caller() }}]{% endmacro %}{% call wrap("x") %}inner{% endcall %} {% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(v) each([1, 2]) %}({{ v }}){% endcall %}'],
      ['do_statement', '', '{% do range(1) %}{% do "x".upper() %}ok'],
      ['unknown_function_error', '', '{{ nosuchfn(1) }}'],
      ['call_non_callable_error', 'x: int', '{{ x() }}', { x: 1 }],
      ['unknown_method_error', '', '{{ [1].nosuch() }}'],
      ['template_string_in_loop', 'items: Item[]', '{% for it in items %}{{ Line(it) }};{% endfor %}', { items: [ITEM, ITEM2] }],
      ['debug_fn', '', '{{ debug([1, "a"]) }}|{{ dict(a=1, b=[2]) }}|{{ dict({"x": 1}, y=2) }}'],
    ],
  },

  methods: {
    preamble: MODELS,
    cases: [
      ['string_case_methods', 's: string', '{{ s.upper() }}|{{ s.lower() }}|{{ s.title() }}|{{ s.capitalize() }}|{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}|{{ s.strip(" h") }}', { s: ' hello World ' }],
      ['string_predicates', '', '{{ "abc".islower() }} {{ "ABC".isupper() }} {{ "123".isdigit() }} {{ "12a".isnumeric() }} {{ "ab1".isalnum() }} {{ "ab".isalpha() }} {{ "  ".isspace() }} {{ "é".isascii() }} {{ "".islower() }}'],
      ['string_search', 's: string', '{{ s.startswith("he") }} {{ s.endswith("lo") }} {{ s.startswith(["x", "h"]) }} {{ s.find("l") }} {{ s.rfind("l") }} {{ s.find("z") }} {{ s.count("l") }} {{ "héllo".find("l") }}', { s: 'hello' }],
      ['string_split_join', '', '{{ "a b  c".split() }} {{ "a,b,c".split(",") }} {{ "a,b,c".split(",", 1) }} {{ "-".join(["a", "b"]) }} {{ ", ".join([1, 2]) }} {{ "a\\nb\\n".splitlines() }} {{ "a\\nb\\n".splitlines(true) }}'],
      ['string_replace', '', '{{ "aaa".replace("a", "b") }} {{ "aaa".replace("a", "b", 2) }} {{ "abc".replace("", "-") }}'],
      ['str_format', 'n: int, f: float', '{{ "{:,}".format(n) }} {{ "{:.2f}".format(f) }} {{ "{} and {}".format("a", "b") }} {{ "{1}{0}".format("a", "b") }} {{ "{x}-{y}".format(x=1, y=2) }} {{ "{{}}{}".format(1) }} {{ "{:>6}|{:<6}|{:^6}|".format("a", "b", "c") }} {{ "{:*^7}".format("x") }}', { n: 1234567, f: 3.14159 }],
      ['str_format_numbers', '', '{{ "{:05d}".format(42) }} {{ "{:+d}".format(5) }} {{ "{:x}|{:X}|{:o}|{:b}|{:#x}".format(255, 255, 8, 5, 255) }} {{ "{:e}".format(12345.678) }} {{ "{:.3e}".format(0.000123) }} {{ "{:g}".format(0.0001) }} {{ "{:g}".format(123456789) }} {{ "{:.1%}".format(0.5) if false else "" }}'],
      ['str_format_more', '', '{{ "{}".format(2.5) }} {{ "{}".format(2.0) }} {{ "{}".format(1e20) }} {{ "{}".format(true) }} {{ "{}".format(none) }} {{ "{}".format([1]) }} {{ "{:10.3f}|".format(3.14159) }} {{ "{:,.2f}".format(1234567.891) }} {{ "{:_}".format(1000000) }} {{ "{:08.2f}".format(-3.5) }}'],
      ['str_format_missing_arg_error', '', '{{ "{} {}".format(1) }}'],
      ['str_format_attr_path', 'it: Inner', '{{ "{0.a}/{0[note]}".format(it) }} {{ "{v[0]}".format(v=[7]) }}', { it: { a: 1, note: 'n' } }],
      ['map_methods', 'm: map<string, int>', '{{ m.keys() }} {{ m.values() }} {{ m.items() }} {{ m.get("a") }} {{ m.get("z") }} {{ m.get("z", 0) }} {{ m.keys()|list }}', { m: { a: 1, b: 2 } }],
      ['class_methods', 'it: Inner', '{{ it.items() }} {{ it.keys() }} {{ it.get("a") }} {{ it.get("remark") }}', { it: { a: 1, note: 'n' } }],
      ['list_methods', 'xs: int[]', '{{ xs.count(1) }} {{ [1, [1]].count([1]) }}', { xs: [1, 2, 1] }],
      ['method_on_int_error', '', '{{ (5).upper() }}'],
      ['map_key_named_like_method', '', '{% set m = {"items": 5} %}{{ m.items }}'],
    ],
  },

  roles: {
    preamble: MODELS,
    cases: [
      ['role_forms', 'q: string', '{{ _.role("system") }}sys\n{{ _.chat("user") }}{{ q }}\n{{ _.role(role="assistant") }}ok', { q: 'hi' }, 'Chat'],
      ['role_default_and_whitespace', 'q: string', '  \n{{ _.role("user") }}\n\n{{ q }}\n\n{{ _.role("assistant") }}\n   \n{{ _.role("user") }}again', { q: 'hi' }, 'Chat'],
      ['role_leading_text', 'q: string', 'preamble\n{{ _.role("user") }}{{ q }}', { q: 'hi' }, 'Chat'],
      ['role_not_allowed_becomes_default', '', '{{ _.role("tool") }}x\n{{ _.role("user") }}y', {}, 'Chat'],
      ['role_adjacent_same_role_merged', '', '{{ _.role("user") }}a\n{{ _.role("user") }}b\n{{ _.role("user", __baml_allow_dupe_role__=true) }}c', {}, 'Chat'],
      ['role_metadata', '', '{{ _.role("system", cache_control={"type": "ephemeral"}) }}sys\n{{ _.role("user") }}u', {}, 'Claude'],
      ['role_in_loop', 'xs: string[]', '{% for x in xs %}{{ _.role("user" if loop.index is odd else "assistant") }}{{ x }}\n{% endfor %}', { xs: ['a', 'b', 'c'] }, 'Chat'],
      ['role_two_roles_error', '', '{{ _.role("user", role="system") }}x', {}, 'Chat'],
      ['role_missing_error', '', '{{ _.role() }}x', {}, 'Chat'],
      ['role_marker_text_completion_client', '', 'a\n{{ _.role("user") }}b', {}, 'Local'],
      ['media_image_url', 'img: image', 'Look:\n{{ img }}\nDescribe.', { img: { __media: 'image', url: 'https://example.com/a.png' } }, 'Chat'],
      ['media_base64_in_role', 'img: image', '{{ _.role("user") }}see {{ img }} now', { img: { __media: 'image', base64: 'iVBORw0KGgo=', media_type: 'image/png' } }, 'Chat'],
      ['media_list', 'imgs: image[]', '{% for i in imgs %}{{ i }}{% endfor %}', { imgs: [{ __media: 'image', url: 'https://e.com/1.png' }, { __media: 'image', url: 'https://e.com/2.png' }] }, 'Chat'],
      ['media_tests', 'img: image', '{{ img is defined }} {% if img %}yes{% endif %} {{ img is mapping }}', { img: { __media: 'image', url: 'https://e.com/1.png' } }, 'Chat'],
      ['ctx_client_fields', '', '{{ ctx.client.name }} {{ ctx.client.provider }} {{ ctx.client.default_role }} {{ ctx.client.allowed_roles }} {{ ctx.client.options.model }}', {}, 'Chat'],
      ['ctx_output_format_string_return', '', '[{{ ctx.output_format }}] [{{ ctx.output_format(prefix="Answer:") }}]', {}, 'Local'],
      ['ctx_client_print_generic', '', '{{ ctx.client }}', {}, 'Local'],
      ['ctx_client_print_openai', '', '{{ ctx.client }}', {}, 'Chat'],
      ['ctx_client_print_anthropic', '', '{{ _.role("user") }}{{ ctx.client }}', {}, 'Claude'],
    ],
  },

  errors: {
    cases: [
      ['syntax_unclosed_if', '', '{% if true %}x'],
      ['syntax_unclosed_var', '', '{{ x'],
      ['syntax_bad_token', '', '{{ 1 + }}'],
      ['syntax_unknown_statement', '', '{% frobnicate %}'],
      ['syntax_endfor_without_for', '', '{% endfor %}'],
      ['syntax_unterminated_string', '', '{{ "abc }}'],
      ['syntax_unclosed_comment', '', '{# never closed'],
      ['syntax_assign_reserved', '', '{% set loop = 1 %}'],
      ['syntax_break_not_supported', 'xs: int[]', '{% for x in xs %}{% break %}{% endfor %}', { xs: [1] }],
      ['syntax_kwarg_then_positional', '', '{{ range(stop=1, 2) }}'],
      ['syntax_bad_escape', '', '{{ "\\q" }}'],
      ['syntax_extends_not_supported', '', '{% extends "x" %}'],
      ['syntax_include_not_supported', '', '{% include "x" %}'],
      ['error_line_number_deep', 'x: int', 'line one\nline two\n{{ x.y.z }}', { x: 1 }],
    ],
  },

  edge: {
    preamble: MODELS,
    cases: [
      ['tags_inside_strings', '', '{{ "{{ x }}" }} {{ "%}" }} {{ \'{% if %}\' }} {{ "}}" }}'],
      ['braces_in_expression', '', '{{ {"a": {"b": 1}} }}|{{ {"a": {"b": {"c": 2}}}["a"]["b"] }}'],
      ['text_with_single_braces', 'x: string', '{ a } {x} {{ x }} }} {%% and {#', { x: 'v' }],
      ['unicode_text_and_filters', 's: string', '{{ s|length }} {{ s|upper }} {{ s|reverse }} {{ s[1] }} {{ s[1:3] }} {{ s|title }} {{ s|first }} {{ s.find("ü") }}', { s: 'añü😀ß' }],
      ['unicode_identifier', '', '{% set café = 1 %}{{ café }}'],
      ['tabs_and_mixed_indent', 'x: string', '\tTabbed {{ x }}\n\t\tdouble', { x: 'v' }],
      ['raw_with_whitespace_control', '', 'a  {%- raw -%}  {{ x }}  {%- endraw -%}  b'],
      ['if_empty_branches', 'x: bool', '[{% if x %}{% else %}{% endif %}]', { x: true }],
      ['deeply_nested_data', 'm: map<string, map<string, int[]>>', '{{ m }} {{ m.a.b[1] }} {% for k, v in m|items %}{% for k2, v2 in v|items %}{{ k }}.{{ k2 }}={{ v2|sum }}{% endfor %}{% endfor %}', { m: { a: { b: [1, 2], c: [] } } }],
      ['loop_length_with_filter_and_else', 'xs: int[]', '{% for x in xs if x > 10 %}{{ loop.length }}{% else %}none over 10{% endfor %}', { xs: [1, 2] }],
      ['string_comparisons_unicode', '', '{{ "é" > "z" }} {{ "a" < "B" }} {{ ["b", "a", "C", "é"]|sort }} {{ ["b", "a", "C"]|sort(case_sensitive=true) }}'],
      ['number_printing_edge', 'f: float', '{{ f }} {{ f * 3 }} {{ 1/3 }} {{ 2/3 }} {{ 100.0 / 3 }} {{ 1e-4 }} {{ 123456789012.5 }} {{ [1/3] }}', { f: 0.1 }],
      ['int_float_equality_in_collections', '', '{{ 1 in [1.0] }} {{ 1.0 in [1] }} {{ [1] == [1.0] }} {{ {"a": 1} == {"a": 1.0} }} {{ [1, 1.0]|unique }}'],
      ['default_on_none_vs_undefined', 'n: string?', '{{ n|default("d") }} {{ n|default("d", true) }} {{ missing.x|default("d") if missing is defined else "undef" }}', { n: null }],
      ['join_of_classes_and_enums', 'items: Item[]', '{{ items|map(attribute="cond")|join(", ") }} | {{ items|map(attribute="inner")|list }}', { items: [ITEM, ITEM3] }],
      ['enum_in_class_print_and_compare_in_loop', 'items: Item[]', '{% for it in items %}{{ it.cond }}:{{ it.cond == "MINT" }}:{{ it.cond.value }};{% endfor %}', { items: [ITEM, ITEM2, ITEM3] }],
      ['enum_sort_and_unique', 'cs: Cond[]', '{{ cs|sort }} {{ cs|unique|list }} {{ cs|min }} {{ cs|join("+") }}', { cs: ['WORN', 'MINT', 'WORN'] }],
      ['class_equality', 'a: Inner, b: Inner', '{{ a == b }} {{ a == a }} {{ a != b }}', { a: { a: 1, note: 'n' }, b: { a: 1, note: 'n' } }],
      ['namespace_in_macro', '', '{% set ns = namespace(n=0) %}{% macro bump() %}{% set ns.n = ns.n + 1 %}{% endmacro %}{{ bump() }}{{ bump() }}{{ ns.n }}'],
      ['loop_variable_in_macro_call', 'xs: int[]', '{% macro show(i) %}<{{ i }}>{% endmacro %}{% for x in xs %}{{ show(loop.index) }}{% endfor %}', { xs: [5, 6] }],
      ['set_tuple_swap', '', '{% set a, b = 1, 2 %}{% set a, b = b, a %}{{ a }}{{ b }}'],
      ['whitespace_in_tags', 'xs: int[]', '{%for x in xs%}{{x}}{%endfor%}|{%   if   true   %}y{%   endif   %}', { xs: [1, 2] }],
      ['comment_with_tags_inside', '', 'a{# {% if %} {{ x }} #}b'],
      ['output_format_kwargs', '', '{{ ctx.output_format(prefix="P: ", always_hoist_enums=true) }}|'],
      ['str_format_on_template_values', 'f: float, i: int', '{{ "{:.1f}|{:d}|{}".format(f, i, f) }}', { f: 2, i: 7 }],
      ['map_filter_on_map', 'm: map<string, int>', '{{ m|map("string")|list }} {{ m|select|list }}', { m: { a: 1, b: 0 } }],
    ],
  },

  args: {
    preamble: MODELS,
    cases: [
      ['class_field_order_and_extras', 'it: Inner', '{{ it }}', { it: { note: 'n', extra: 1, a: 2 } }],
      ['optional_param_missing', 'x: string?, y: int?', '[{{ x }}] [{{ y }}] {{ x is defined }} {{ y is none }}', {}],
      ['optional_param_null', 'x: string?', '[{{ x }}] {{ x is none }}', { x: null }],
      ['extra_args_ignored', 'x: string', '{{ x }} [{{ y }}]', { x: 'a', y: 'b' }],
      ['union_order', 'a: int | float, b: float | int, c: string | int, d: int | string', '{{ a }} {{ b }} {{ c }} {{ d }}', { a: 3, b: 3, c: 3, d: '3' }],
      ['union_class_or_string', 'x: Inner | string, y: Inner | string', '{{ x }} {{ y }}', { x: { a: 1, note: 'q' }, y: 'plain' }],
      ['literal_and_alias_types', 'x: "a" | "b", y: 1 | 2', '{{ x }} {{ y }}', { x: 'b', y: 2 }],
      ['map_of_enums', 'm: map<string, Cond>', '{{ m }} {{ m.k }}', { m: { k: 'MINT' } }],
      ['float_in_nested', 'xs: map<string, float>[]', '{{ xs }}', { xs: [{ a: 1, b: 1.5 }] }],
      ['err_int_from_string', 'x: int', '{{ x }}', { x: '3' }],
      ['err_int_from_float', 'x: int', '{{ x }}', { x: 3.5 }],
      ['err_string_from_number', 'x: string', '{{ x }}', { x: 3 }],
      ['err_bool_from_string', 'x: bool', '{{ x }}', { x: 'true' }],
      ['err_enum_alias', 'x: Cond', '{{ x }}', { x: 'like new' }],
      ['err_missing_param', 'x: string', '{{ x }}', {}],
      ['err_missing_field', 'it: Inner', '{{ it }}', { it: { a: 1 } }],
      ['err_nested_field_type', 'items: Inner[]', '{{ items }}', { items: [{ a: 1, note: 'n' }, { a: 'x', note: 'n' }] }],
      ['err_list_from_string', 'xs: string[]', '{{ xs }}', { xs: 'a' }],
      ['err_two_params', 'x: int, y: string', '{{ x }}{{ y }}', { x: 'a', y: 1 }],
      ['err_map_value', 'm: map<string, int>', '{{ m }}', { m: { a: 'x' } }],
      ['err_null_for_required', 'x: string', '{{ x }}', { x: null }],
      ['assert_param_passes', 'x: int @assert(pos, {{ this > 0 }})', '{{ x }}', { x: 3 }],
      ['err_assert_param_fails', 'x: int @assert(pos, {{ this > 0 }})', '{{ x }}', { x: -3 }],
      ['err_assert_unlabeled_fails', 'x: string @assert({{ this|length > 2 }})', '{{ x }}', { x: 'ab' }],
      ['check_param_is_not_enforced', 'x: int @check(pos, {{ this > 0 }})', '{{ x }}', { x: -3 }],
      ['err_assert_in_list_item', 'xs: (int @assert(small, {{ this < 10 }}))[]', '{{ xs }}', { xs: [1, 20] }],
    ],
  },
}
