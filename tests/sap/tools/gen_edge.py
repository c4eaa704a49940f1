# Writes the own-edge golden SAP suite (baml_src + cases.json) under tests/golden/sap; expected.json
# comes from the reference oracle: tests/sap/tools/make_golden.sh tests/golden/sap/own-edge
from golden_suite import suite

SCHEMA = r'''
class WithSkip {
  a string
  b string? @skip
  c int
}
class Aliased {
  first string @alias("FIRST NAME")
  last string @alias("lastName")
  @@alias("Person")
}
class DoneFields {
  title string @stream.done
  items string[] @stream.done
  meta Meta @stream.with_state
  nums int[] @stream.with_state
}
class Meta {
  k string
  v string
}
class UnionCheck {
  x (int | string) @check(small, {{ this|string|length < 3 }})
}
type Score = int @check(pos, {{ this > 0 }})
class UsesAlias {
  s Score
  ss Score[]
}
enum Mood {
  HAPPY
  SAD
  @@dynamic
}
class Dyn {
  name string
  @@dynamic
}
class Img {
  pic image
}
class Circle {
  radius float
  color string?
}
class Square {
  side float
  color string?
}
class Label {
  text string
}
class Wrapper {
  label Label
  labels Label[]
}
class Opt {
  tags string[]?
  count int?
  name string
}
class Shape {
  kind "circle" | "square"
  size float
}
class Ch {
  title string
  paras string[]
  m map<string, int>
  inner In?
  @@stream.done
}
class In {
  a string
  xs int[]
}
class Host {
  ch Ch
  items string[] @stream.done
  n In
}
'''

S = 'parse_stream'
CASES = [
 ('skip1', 'WithSkip', '{"a": "x", "b": "y", "c": 1}'),
 ('skip2', 'WithSkip', '{"a": "x", "c": 1}', S),
 ('alias1', 'Aliased', '{"first name": "Ada", "LASTNAME": "L"}'),
 ('alias2', 'Aliased', '{"first": "Ada", "last": "L"}'),
 ('done1', 'DoneFields', '{"title": "Hel', S),
 ('done2', 'DoneFields', '{"title": "Hello", "items": ["a", "b', S),
 ('done3', 'DoneFields', '{"title": "Hello", "items": ["a", "b"], "meta": {"k": "x', S),
 ('done4', 'DoneFields', '{"title": "Hello", "items": ["a"], "meta": {"k": "x", "v": "y"}, "nums": [1, 2', S),
 ('done5', 'DoneFields', '{"title": "Hello", "items": ["a"], "meta": {"k": "x", "v": "y"}, "nums": [1, 2]}', S),
 ('done6', 'DoneFields', '{"title": "Hello", "items": ["a"], "meta": {"k": "x", "v": "y"}, "nums": [1, 2]}'),
 ('uc1', 'UnionCheck', '{"x": 12345}'),
 ('uc2', 'UnionCheck', '{"x": "ab"}'),
 ('al1', 'UsesAlias', '{"s": 3, "ss": [1, -2, 3]}'),
 ('al2', 'Score', '-4'),
 ('dyn1', 'Mood', 'happy'),
 ('dyn2', 'Dyn', '{"name": "n", "extra": 1}'),
 ('img1', 'Img', '{"pic": "http://x/y.png"}'),
 ('optstr1', 'string?', '{"a": 1}'),
 ('optstr2', 'string?', 'null'),
 ('optstr3', 'string | null', 'hello'),
 ('strlist', 'string[]', 'hello'),
 ('strlist2', 'string[]', '["a", "b"] and more'),
 ('lit_bool_union', 'true | "maybe"', 'maybe'),
 ('nested_list', 'int[][]', '[[1, 2], [3], 4]'),
 ('map_enum_key_raw', 'map<Mood, int>', '{"happy": 1, "SAD": 2}'),
 ('stream_map_enum', 'map<string, Mood>', '{"a": "HAPPY", "b": "SA', S),
 ('float_int_str', 'float', '"1e3"'),
 ('int_neg_zero', 'int', '-0'),
 ('float_neg_zero', 'float', '-0.0'),
 ('int_big_wraps', 'int', '12345678901234567890'),
 ('float_inf_text', 'float', 'inf'),
 ('float_nan_text', 'float', 'NaN'),
 ('str_from_float_json', 'string[]', '[1.0, 1e20, 1.5e-7, 0.1, 100000000000000000000.0]'),
 ('u_circle', 'Circle | Square', '{"radius": 2, "color": "red"}'),
 ('u_square', 'Circle | Square', '{"side": 2}'),
 ('u_ambiguous_color_only', 'Circle | Square', '{"color": "red"}'),
 ('u_lists', 'string[] | int[]', '[1, 2, "3"]'),
 ('u_lists2', 'int[] | string[]', '["a", 2]'),
 ('u_one_or_many_single', 'Circle | Circle[]', '{"radius": 1}'),
 ('u_one_or_many_list', 'Circle | Circle[]', '[{"radius": 1}, {"radius": 2}]'),
 ('u_int_or_list', 'int | int[]', '[1]'),
 ('u_bool_int', 'bool | int', '1'),
 ('u_bool_int_true', 'int | bool', 'true'),
 ('implied_top_string_fails', 'Label', 'hello'),
 ('implied_top_quoted_string', 'Label', '"hello"'),
 ('implied_nested', 'Wrapper', '{"label": "hi", "labels": ["a", {"text": "b"}]}'),
 ('implied_from_array', 'Label', '["x", "y"]'),
 ('null_required_field', 'Circle', '{"radius": null}'),
 ('opt_list_null', 'Opt', '{"tags": null, "count": null, "name": "n"}'),
 ('opt_list_bad', 'Opt', '{"tags": 5, "count": "many", "name": "n"}'),
 ('two_blocks_single', 'Circle', '```json\n{"radius": 1}\n```\n\n```json\n{"radius": 2}\n```'),
 ('python_block_json', 'Circle', '```python\n{"radius": 3}\n```'),
 ('block_and_outside', 'Circle', '{"radius": 9}\n```json\n{"radius": 4}\n```'),
 ('literal_field', 'Shape', '{"kind": "Circle", "size": 2}'),
 ('literal_field_bad', 'Shape', '{"kind": "triangle", "size": 2}'),
 ('s_union_partial', 'Circle | Square', '{"side": 2', S),
 ('s_union_partial2', 'Circle | Square', '{"side": 2.5, "co', S),
 ('s_escape_end', 'Label', '{"text": "abc\\', S),
 ('s_unicode_escape_end', 'Label', '{"text": "abc\\u00', S),
 ('s_fence_closing', 'Circle', '```json\n{"radius": 1}\n``', S),
 ('s_fence_closed', 'Circle', '```json\n{"radius": 1}\n```', S),
 ('s_list_labels', 'Label[]', '["a", "b', S),
 ('s_wrapper_partial', 'Wrapper', '{"label": {"text": "x"}, "labels": [{"te', S),
 ('s_opt_partial', 'Opt', '{"tags": ["a"', S),
 ('s_shape_literal_partial', 'Shape', '{"kind": "cir', S),
 ('s_empty_for_list', 'Label[]', '', S),
 ('s_prose_for_list', 'Label[]', 'Let me think', S),
 ('s_prose_for_class', 'Circle', 'Let me think', S),
 ('s_optional_class_prose', 'Circle?', 'Let me think', S),
 ('quirk_triple_quote_skip', 'string[]', '[' + '"' * 3 + 'x' + '"' * 3 + ']'),
 ('quirk_nonascii_byte_skip', 'string[]', '[aéé,x]'),
 ('quirk_ascii_no_skip', 'string[]', '[abc,x]'),
 ('quirk_unicode_escape', 'string[]', '["caf\\u00e9"'),
 ('quirk_unquoted_swallows_key', 'map<string, string>', '{name: Ann Lee, age: 3}'),
 ('done_class_a', 'Ch', '{"title": "t"}', S),
 ('done_class_b', 'Ch', '{"title": "t"}'),
 ('done_class_c', 'Host', '{"ch": {"title": "t"}, "n": {"a": "x"}}', S),
 ('done_class_d', 'Host', '{"ch": {"title": "t", "paras": ["p"], "m": {}, "inner": {"a": "x"}}, "items": ["i"], "n": {"a": "x", "xs": [1]}}', S),
 ('done_class_e', 'Ch[]', '[{"title": "t"}]', S),
 ('done_class_f', 'Host', '{"ch": {"title": "t", "paras": ["p"], "m": {}, "inner": {"a": "x"}}}', S),
 ('done_class_d1', 'Host', '{"ch": {"title": "t", "paras": ["p"], "m": {}, "inner": {"a": "x", "xs": [1]}}, "items": ["i"], "n": {"a": "x", "xs": [1]}}', S),
 ('done_class_d2', 'Host', '{"ch": {"title": "t", "paras": ["p"], "m": {}, "inner": null}, "items": ["i"], "n": {"a": "x", "xs": [1]}}', S),
 ('done_class_d3', 'Host', '{"ch": {"title": "t", "paras": ["p"], "m": {}}, "items": ["i"], "n": {"a": "x", "xs": [1]}}', S),
 ('done_class_d4', 'Ch', '{"title": "t", "paras": ["p"], "m": {}, "inner": {"a": "x", "xs": [1]}}', S),
 ('done_class_d5', 'Ch', '{"title": "t", "paras": ["p"], "m": {}, "inner": {"a": "x"}}', S),
 ('done_class_d6', 'Ch', '{"title": "t", "paras": ["p"], "m": {"k": 1}}', S),
 ('quirk_inner_quotes', 'map<string, string>', '{"a": "say "hi" now", "b": 1}'),
]

# one function per case, named after it, returning the case's type
suite('own-edge', SCHEMA, {'Edge_' + c[0]: c[1] for c in CASES}, [(c[0], 'Edge_' + c[0]) + tuple(c[2:]) for c in CASES],
      prompt='{{ input }} {{ ctx.output_format }}')
print(len(CASES))
