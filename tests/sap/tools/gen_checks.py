# Writes own golden SAP suites (baml_src + cases.json) under tests/golden/sap; expected.json comes
# from the reference oracle: tests/sap/tools/make_golden.sh tests/golden/sap/own-*
from golden_suite import suite

CHECKS = r'''
class Review {
  stars int @check(valid_stars, {{ this >= 1 and this <= 5 }})
  title string @assert(not_empty, {{ this|length > 0 }})
  body string? @assert(short, {{ this|length < 40 }})
  tags string[] @check(few_tags, {{ this|length <= 2 }})
}

class Range {
  lo int
  hi int
  @@assert(ordered, {{ this.lo <= this.hi }})
  @@check(wide, {{ this.hi - this.lo > 10 }})
}

class Email {
  address string @assert(has_at, {{ "@" in this }})
}

class Contact {
  name string
  emails Email[]
  phone string? @assert(digits, {{ this|regex_match("^[0-9-]+$") }})
}

type NonNeg = int @assert(nonneg, {{ this >= 0 }})

enum Level {
  LOW
  HIGH
  @@assert(not_low, {{ this != "LOW" }})
}

class Scored {
  score float @check(positive, {{ this > 0 }}) @check(small, {{ this < 10 }})
  label string @stream.with_state @check(upper, {{ this|upper == this }})
}
'''
FNS = {
  'ReviewIt': 'Review', 'Reviews': 'Review[]', 'GetRange': 'Range', 'Ranges': 'Range[]', 'GetContact': 'Contact',
  'GetLevel': 'Level', 'Levels': 'Level[]', 'MaybeRange': 'Range?', 'Score': 'Scored',
  'Even': 'int @check(even, {{ this % 2 == 0 }})', 'PosOrText': 'int @assert(pos, {{ this > 0 }}) | string',
  'Counts': 'map<string, NonNeg>', 'NamedOrNum': '(int | string) @check(short_repr, {{ this|string|length < 4 }})',
  'Words': 'string[] @assert(two_words, {{ this|length == 2 }})', 'Txt': 'string @check(long, {{ this|length > 3 }})',
}
cases = [
 ('review_all_pass', 'ReviewIt', '{"stars": 4, "title": "Good", "body": "Nice", "tags": ["a"]}'),
 ('review_check_fails', 'ReviewIt', '{"stars": 9, "title": "Good", "body": null, "tags": ["a", "b", "c"]}'),
 ('review_assert_fails_required', 'ReviewIt', '{"stars": 4, "title": "", "tags": []}'),
 ('review_assert_fails_optional_becomes_null', 'ReviewIt', '{"stars": 4, "title": "T", "body": "This body is definitely much longer than forty characters.", "tags": []}'),
 ('review_stars_string', 'ReviewIt', '{"stars": "5", "title": "Ok", "tags": []}'),
 ('reviews_list_drops_failed_assert', 'Reviews', '[{"stars": 1, "title": "a", "tags": []}, {"stars": 2, "title": "", "tags": []}, {"stars": 3, "title": "c", "tags": []}]'),
 ('range_ok', 'GetRange', '{"lo": 1, "hi": 20}'),
 ('range_narrow_check_fails', 'GetRange', '{"lo": 1, "hi": 2}'),
 ('range_unordered_assert_fails', 'GetRange', '{"lo": 5, "hi": 2}'),
 ('ranges_list', 'Ranges', '[{"lo": 5, "hi": 2}, {"lo": 0, "hi": 100}]'),
 ('maybe_range_assert_fails', 'MaybeRange', '{"lo": 5, "hi": 2}'),
 ('contact_emails_filtered', 'GetContact', '{"name": "Ann", "emails": [{"address": "a@x.io"}, {"address": "nope"}], "phone": "555-1234"}'),
 ('contact_bad_phone_null', 'GetContact', '{"name": "Ann", "emails": [], "phone": "call me"}'),
 ('level_high', 'GetLevel', 'HIGH'),
 ('level_low_assert_fails', 'GetLevel', 'LOW'),
 ('levels_drop_low', 'Levels', '["LOW", "HIGH", "high"]'),
 ('scored_two_checks', 'Score', '{"score": 12.5, "label": "OK"}'),
 ('scored_stream_partial', 'Score', '{"score": 2.5, "label": "O', 'parse_stream'),
 ('scored_stream_done', 'Score', '{"score": 2.5, "label": "ok"}', 'parse_stream'),
 ('even_top_level', 'Even', '42'),
 ('odd_top_level', 'Even', 'I think 7'),
 ('pos_or_text_pos', 'PosOrText', '3'),
 ('pos_or_text_neg_falls_to_string', 'PosOrText', '-3'),
 ('counts_map_drops_negative', 'Counts', '{"a": 1, "b": -2, "c": 3}'),
 ('union_check_int', 'NamedOrNum', '12345'),
 ('union_check_string', 'NamedOrNum', 'abc'),
 ('words_assert_ok', 'Words', '["hello", "world"]'),
 ('words_assert_fails', 'Words', '["hello"]'),
 ('string_top_level_check', 'Txt', 'hi'),
]
suite('own-checks', CHECKS, FNS, cases)
print(len(cases))
