# Writes own golden SAP suites (baml_src + cases.json) under tests/golden/sap; expected.json comes
# from the reference oracle: tests/sap/tools/make_golden.sh tests/golden/sap/own-*
import json
from golden_suite import suite

RECIPE = r'''
enum Difficulty {
  EASY @alias("easy") @description("under 30 minutes, no special skills")
  MEDIUM @alias("medium")
  HARD @alias("hard") @description("needs practice")
}

class Ingredient {
  name string
  quantity float? @description("amount in the given unit")
  unit string?
}

class Step {
  number int @alias("step")
  text string @alias("instruction")
}

class Recipe {
  title string
  servings int
  difficulty Difficulty
  vegetarian bool
  ingredients Ingredient[]
  steps Step[]
  notes string?
  tags string[]
}
'''
RFNS = {'GetRecipe': 'Recipe', 'GetRecipes': 'Recipe[]', 'GetIngredient': 'Ingredient', 'MaybeRecipe': 'Recipe?'}

clean = {"title": "Shakshuka", "servings": 2, "difficulty": "easy", "vegetarian": True,
         "ingredients": [{"name": "eggs", "quantity": 4, "unit": None}, {"name": "tomatoes", "quantity": 400, "unit": "g"}],
         "steps": [{"step": 1, "instruction": "Simmer the sauce."}, {"step": 2, "instruction": "Crack in the eggs."}],
         "notes": None, "tags": ["breakfast", "one-pan"]}
cj = json.dumps(clean, indent=2)

cases = [
 ('clean_json', 'GetRecipe', cj),
 ('chatty_preamble_fence', 'GetRecipe', "Absolutely! Here's a quick recipe you'll love:\n\n```json\n" + cj + "\n```\n\nEnjoy your meal! Let me know if you want a variation."),
 ('fence_no_language', 'GetRecipe', "```\n" + cj + "\n```"),
 ('fence_jsonc_with_comments', 'GetRecipe', '```jsonc\n{\n  // dish name\n  "title": "Pancakes",\n  "servings": 4, // people\n  "difficulty": "easy",\n  "vegetarian": true,\n  /* dry then wet */\n  "ingredients": [\n    {"name": "flour", "quantity": 200, "unit": "g"},\n    {"name": "milk", "quantity": 300, "unit": "ml"},\n  ],\n  "steps": [{"step": 1, "instruction": "Whisk."}],\n  "tags": [],\n}\n```'),
 ('python_literals', 'GetRecipe', "{'title': 'Salad', 'servings': 1, 'difficulty': 'easy', 'vegetarian': True, 'ingredients': [{'name': 'lettuce', 'quantity': None, 'unit': None}], 'steps': [{'step': 1, 'instruction': 'Toss.'}], 'notes': None, 'tags': ['quick']}"),
 ('unquoted_everything', 'GetRecipe', "{\n  title: Toast,\n  servings: 1,\n  difficulty: easy,\n  vegetarian: true,\n  ingredients: [{name: bread, quantity: 2, unit: slices}],\n  steps: [{step: 1, instruction: Toast the bread}],\n  tags: [snack]\n}"),
 ('numbers_as_strings_with_units', 'GetRecipe', '{"title": "Rice", "servings": "4 people", "difficulty": "EASY", "vegetarian": "yes", "ingredients": [{"name": "rice", "quantity": "1.5", "unit": "cups"}], "steps": [], "tags": []}'),
 ('servings_fraction_and_float', 'GetRecipe', '{"title": "Soup", "servings": 3.5, "difficulty": "Medium", "vegetarian": "True", "ingredients": [{"name": "stock", "quantity": "3/4", "unit": "l"}], "steps": [{"step": "1", "instruction": "Boil"}], "tags": "soup"}'),
 ('difficulty_in_prose', 'GetRecipe', '{"title": "Risotto", "servings": 4, "difficulty": "I would say medium, it takes patience", "vegetarian": false, "ingredients": [], "steps": [], "tags": []}'),
 ('difficulty_by_description', 'GetRecipe', '{"title": "Crepes", "servings": 2, "difficulty": "needs practice", "vegetarian": true, "ingredients": [], "steps": [], "tags": []}'),
 ('difficulty_ambiguous_fails', 'GetRecipe', '{"title": "X", "servings": 1, "difficulty": "easy or hard", "vegetarian": true, "ingredients": [], "steps": [], "tags": []}'),
 ('extra_keys_ignored', 'GetRecipe', '{"title": "Tea", "servings": 1, "difficulty": "easy", "vegetarian": true, "ingredients": [], "steps": [], "tags": [], "calories": 2, "author": {"name": "me"}}'),
 ('keys_by_real_name_not_alias', 'GetRecipe', '{"title": "Tea", "servings": 1, "difficulty": "easy", "vegetarian": true, "ingredients": [], "steps": [{"number": 1, "text": "Steep"}], "tags": []}'),
 ('keys_case_and_punctuation', 'GetRecipe', '{"Title": "Tea", "SERVINGS": 1, "Difficulty": "easy", "vegetarian ": true, "ingredients": [], "Steps": [{"Step": 1, "Instruction": "Steep"}], "tags": []}'),
 ('missing_lists_default_empty', 'GetRecipe', '{"title": "Water", "servings": 1, "difficulty": "easy", "vegetarian": true}'),
 ('missing_required_scalar_fails', 'GetRecipe', '{"title": "Water", "difficulty": "easy", "vegetarian": true}'),
 ('truncated_output_final', 'GetRecipe', '{"title": "Curry", "servings": 4, "difficulty": "medium", "vegetarian": true, "ingredients": [{"name": "chickpeas", "quantity": 400, "unit": "g"}, {"name": "coconut milk'),
 ('truncated_output_after_number', 'GetRecipe', '{"title": "Curry", "servings": 4, "difficulty": "medium", "vegetarian": true, "ingredients": [], "steps": [{"step": 1'),
 ('two_objects_pick_first_for_single', 'GetRecipe', 'Option 1: ' + json.dumps(clean) + '\n\nOption 2: ' + json.dumps(dict(clean, title='Frittata'))),
 ('two_objects_as_list', 'GetRecipes', 'Option 1: ' + json.dumps(clean) + '\n\nOption 2: ' + json.dumps(dict(clean, title='Frittata'))),
 ('two_fenced_blocks_as_list', 'GetRecipes', "First:\n```json\n" + json.dumps(clean) + "\n```\nSecond:\n```json\n" + json.dumps(dict(clean, title='Frittata')) + "\n```\n"),
 ('single_object_to_list', 'GetRecipes', json.dumps(clean)),
 ('list_with_one_bad_item_dropped', 'GetRecipes', json.dumps([clean, {"title": "Broken"}, dict(clean, title='Omelette')])),
 ('unescaped_quotes_in_string', 'GetRecipe', '{"title": "Mom"s "famous" pie", "servings": 8, "difficulty": "hard", "vegetarian": true, "ingredients": [], "steps": [], "tags": []}'),
 ('raw_newlines_in_string', 'GetRecipe', '{"title": "Bread", "servings": 1, "difficulty": "hard", "vegetarian": true, "ingredients": [], "steps": [{"step": 1, "instruction": "Knead\nthe dough\n  for ten minutes"}], "tags": []}'),
 ('triple_quoted_notes', 'GetRecipe', '{"title": "Stew", "servings": 6, "difficulty": "medium", "vegetarian": false, "ingredients": [], "steps": [], "notes": """\n    Best the next day.\n    Freezes well.\n    """, "tags": []}'),
 ('backtick_string', 'GetRecipe', '{"title": `Chili`, "servings": 6, "difficulty": "medium", "vegetarian": false, "ingredients": [], "steps": [], "tags": []}'),
 ('ingredient_from_string', 'GetIngredient', '"2 cups of flour"'),
 ('ingredient_plain_text_fails', 'GetIngredient', 'two cups of flour'),
 ('optional_recipe_null', 'MaybeRecipe', 'null'),
 ('optional_recipe_prose_fails_or_null', 'MaybeRecipe', "I'm sorry, I can't find a recipe for that."),
 ('json_inside_prose_with_braces_in_text', 'GetRecipe', 'Note: quantities are in {metric} units.\n' + json.dumps(clean)),
 ('mismatched_bracket_in_string', 'GetRecipe', '{"title": "Odd ] name", "servings": 1, "difficulty": "easy", "vegetarian": true, "ingredients": [], "steps": [], "tags": []}'),
 ('xml_wrapped_json', 'GetRecipe', '<answer>\n' + cj + '\n</answer>'),
 ('thinking_then_json', 'GetRecipe', '<thinking>The user wants something vegetarian; {eggs} are fine.</thinking>\n' + json.dumps(clean)),
 ('leading_bom_and_ws', 'GetRecipe', '\ufeff  \n' + json.dumps(clean) + '\n\n'),
 ('crlf_fence', 'GetRecipe', '```json\r\n' + json.dumps(clean) + '\r\n```\r\n'),
 ('indented_fence', 'GetRecipe', 'Here:\n    ```json\n    ' + json.dumps(clean) + '\n    ```'),
 ('unicode_values', 'GetRecipe', '{"title": "Crème brûlée", "servings": 4, "difficulty": "hard", "vegetarian": true, "ingredients": [{"name": "crème", "quantity": 0.5, "unit": "l"}], "steps": [{"step": 1, "instruction": "Caraméliser 🔥"}], "tags": ["dessert", "français"]}'),
 ('escaped_unicode', 'GetRecipe', '{"title": "Cr\\u00e8me", "servings": 4, "difficulty": "hard", "vegetarian": true, "ingredients": [], "steps": [], "tags": ["\\ud83c\\udf70"]}'),
 ('escaped_unicode_in_broken_json', 'GetRecipe', '{"title": "Cr\\u00e8me", "servings": 4, "difficulty": "hard", "vegetarian": true, "ingredients": [], "steps": [], "tags": [cake,]'),
 ('nonascii_unquoted_value', 'GetRecipe', '{title: Crème brûlée, servings: 4, difficulty: hard, vegetarian: true, ingredients: [], steps: [], tags: [dessert]}'),
 ('duplicate_keys_first_wins', 'GetRecipe', '{"title": "First", "title": "Second", "servings": 1, "difficulty": "easy", "vegetarian": true, "ingredients": [], "steps": [], "tags": []}'),
 ('negative_and_exponent_numbers', 'GetIngredient', '{"name": "salt", "quantity": -1.5e-2, "unit": "kg"}'),
 ('quantity_with_currency_and_commas', 'GetIngredient', '{"name": "saffron", "quantity": "$1,250.50", "unit": null}'),
 ('quantity_word_becomes_null', 'GetIngredient', '{"name": "salt", "quantity": "a pinch", "unit": null}'),
 ('array_for_scalar_field', 'GetIngredient', '{"name": ["salt", "pepper"], "quantity": [1], "unit": "tsp"}'),
 ('object_for_string_field', 'GetIngredient', '{"name": {"en": "salt", "fr": "sel"}, "quantity": 1, "unit": "tsp"}'),
 ('number_for_string_field', 'GetIngredient', '{"name": 12.0, "quantity": 1, "unit": 7}'),
 ('bool_for_string_field', 'GetIngredient', '{"name": true, "quantity": 1, "unit": false}'),
 ('empty_text', 'GetRecipe', ''),
 ('only_whitespace', 'GetRecipe', '  \n\t '),
 ('trailing_garbage_after_json', 'GetRecipe', json.dumps(clean) + ' }}]] oops'),
 ('nested_fence_in_string', 'GetRecipe', '```json\n{"title": "Code", "servings": 1, "difficulty": "easy", "vegetarian": true, "ingredients": [], "steps": [{"step": 1, "instruction": "Run ```python\\nprint(1)\\n``` first"}], "tags": []}\n```'),
]
suite('own-recipes', RECIPE, RFNS, cases)

# ---------------------------------------------------------------- enums / literals / bools
ENUMS = r'''
enum Sentiment {
  POSITIVE @alias("positive")
  NEGATIVE @alias("negative")
  NEUTRAL @alias("neutral") @description("neither good nor bad")
  MIXED @skip
}

enum Category {
  BILLING @description("payments, invoices, refunds")
  TECHNICAL_SUPPORT @alias("tech-support")
  ACCOUNT
  Other
}

enum Saison {
  Ete @alias("été")
  Hiver
}
'''
EFNS = {'Classify': 'Sentiment', 'Route': 'Category', 'Season': 'Saison', 'ManyCats': 'Category[]',
        'Lit': '"yes" | "no" | "maybe"', 'LitInt': '1 | 2 | 3', 'Flag': 'bool', 'MaybeCat': 'Category?',
        'LitBool': 'true', 'CatOrText': 'Category | string'}
ecases = [
 ('enum_exact_alias', 'Classify', 'positive'),
 ('enum_real_name_rejected_when_aliased', 'Classify', 'POSITIVE'),
 ('enum_quoted', 'Classify', '"negative"'),
 ('enum_in_sentence', 'Classify', 'Overall the review is clearly negative.'),
 ('enum_in_markdown_bold', 'Classify', 'The sentiment is **Neutral**.'),
 ('enum_description_match', 'Classify', 'neither good nor bad'),
 ('enum_alias_colon_description', 'Classify', 'neutral: neither good nor bad'),
 ('enum_skipped_value_fails', 'Classify', 'MIXED'),
 ('enum_two_mentions_ambiguous', 'Classify', 'Not positive, rather negative.'),
 ('enum_counted_majority', 'Classify', 'positive, positive, mostly positive but a bit negative'),
 ('enum_in_json_object', 'Classify', '{"sentiment": "positive"}'),
 ('enum_in_fence', 'Classify', '```\nnegative\n```'),
 ('enum_prefix_of_other', 'Route', 'ACCOUNT'),
 ('enum_hyphen_alias', 'Route', 'tech-support'),
 ('enum_hyphen_alias_stripped', 'Route', 'Tech Support'),
 ('enum_alias_underscore_text', 'Route', 'tech_support'),
 ('enum_description_words', 'Route', 'This is about payments, invoices, refunds and so on'),
 ('enum_mixed_case_value', 'Route', 'other'),
 ('enum_prose_no_match', 'Route', 'I cannot decide.'),
 ('enum_accents_folded', 'Season', 'ete'),
 ('enum_accents_exact', 'Season', 'été'),
 ('enum_accented_name_case', 'Season', 'HIVER'),
 ('enum_accented_alias_upper', 'Season', 'ÉTÉ'),
 ('enum_list_from_json', 'ManyCats', '["BILLING", "tech-support", "nonsense", "ACCOUNT"]'),
 ('enum_list_from_prose', 'ManyCats', 'BILLING'),
 ('enum_list_bullets', 'ManyCats', '- BILLING\n- ACCOUNT'),
 ('literal_exact', 'Lit', 'maybe'),
 ('literal_in_sentence', 'Lit', 'The answer is yes.'),
 ('literal_ambiguous', 'Lit', 'yes and no'),
 ('literal_case', 'Lit', 'NO'),
 ('literal_object_unwrap', 'Lit', '{"answer": "no"}'),
 ('literal_int', 'LitInt', '2'),
 ('literal_int_in_text', 'LitInt', 'I pick 3'),
 ('literal_int_out_of_set', 'LitInt', '4'),
 ('literal_int_float', 'LitInt', '2.0'),
 ('bool_yes_fails', 'Flag', 'yes'),
 ('bool_in_sentence', 'Flag', 'The answer is: true.'),
 ('bool_quoted', 'Flag', '"FALSE"'),
 ('bool_list_single', 'Flag', '[true]'),
 ('bool_object_fails', 'Flag', '{"value": true}'),
 ('optional_enum_null', 'MaybeCat', 'null'),
 ('optional_enum_prose', 'MaybeCat', 'none of these'),
 ('literal_true', 'LitBool', 'True'),
 ('enum_or_string_prefers_enum', 'CatOrText', 'BILLING'),
 ('enum_or_string_text', 'CatOrText', 'something else entirely'),
]
suite('own-enums', ENUMS, EFNS, ecases)

# ---------------------------------------------------------------- unions / maps / aliases
UNIONS = r'''
class Cat {
  kind "cat"
  name string
  lives int
}
class Dog {
  kind "dog"
  name string
  good_boy bool
}
class Error {
  error string
}
class Point {
  x float
  y float
}
class Person {
  name string @alias("full_name")
  age int?
}
enum Color {
  RED
  GREEN
  BLUE
}
type Pet = Cat | Dog
type Coord = Point | float[]
'''
UFNS = {'GetPet': 'Pet', 'GetPets': 'Pet[]', 'PetOrError': 'Cat | Dog | Error', 'Where': 'Coord',
        'Scalar': 'int | float | bool | string', 'Prices': 'map<string, float>', 'ByColor': 'map<Color, int>',
        'People': 'map<string, Person>', 'Nested': 'map<string, string[]>', 'Multi': 'string[] | string',
        'IntList': 'int[]', 'FloatOrString': 'float | string', 'ListOfUnion': '(int | string)[]', 'GetPerson': 'Person',
        'LitKeyMap': 'map<"a" | "b", int>'}
ucases = [
 ('union_discriminated_cat', 'GetPet', '{"kind": "cat", "name": "Tom", "lives": 9}'),
 ('union_discriminated_dog', 'GetPet', '{"kind": "dog", "name": "Rex", "good_boy": true}'),
 ('union_missing_discriminator', 'GetPet', '{"name": "Rex", "good_boy": "yes"}'),
 ('union_list_mixed', 'GetPets', '[{"kind": "cat", "name": "Tom", "lives": 9}, {"kind": "dog", "name": "Rex", "good_boy": true}, {"kind": "cat", "name": "Kit", "lives": "7"}]'),
 ('union_error_object', 'PetOrError', '{"error": "no pets found"}'),
 ('union_prose_error', 'PetOrError', 'Sorry, I could not find any pet.'),
 ('alias_union_point', 'Where', '{"x": 1, "y": 2.5}'),
 ('alias_union_list', 'Where', '[1, 2.5]'),
 ('alias_union_from_text', 'Where', 'x=1, y=2'),
 ('scalar_int', 'Scalar', '42'),
 ('scalar_float', 'Scalar', '4.2'),
 ('scalar_bool', 'Scalar', 'false'),
 ('scalar_text', 'Scalar', 'forty two'),
 ('scalar_quoted_number', 'Scalar', '"42"'),
 ('map_prices', 'Prices', '{"apple": 1.2, "pear": "0.8", "fig": "$3.00", "bad": "n/a"}'),
 ('map_prices_unquoted', 'Prices', '{apple: 1.2, pear: 0.80}'),
 ('map_prices_list_fails', 'Prices', '[1, 2]'),
 ('map_enum_keys', 'ByColor', '{"RED": 1, "green": 2, "Blue": 3, "PURPLE": 4}'),
 ('map_class_values', 'People', '{"p1": {"full_name": "Ada", "age": 36}, "p2": {"full_name": "Alan"}, "p3": "nobody"}'),
 ('map_nested_lists', 'Nested', '{"a": ["x", "y"], "b": "z", "c": []}'),
 ('map_in_prose', 'Prices', 'Prices today: {"apple": 1.5}. Thanks!'),
 ('map_duplicate_keys', 'Prices', '{"apple": 1, "apple": 2}'),
 ('list_or_string_list', 'Multi', '["a", "b"]'),
 ('list_or_string_plain', 'Multi', 'just text'),
 ('int_list_from_csv_text', 'IntList', '1, 2, 3'),
 ('int_list_from_bullets', 'IntList', '- 1\n- 2\n- 3'),
 ('int_list_mixed_garbage', 'IntList', '[1, "2", "three", 4.6]'),
 ('float_or_string_recipe_line', 'FloatOrString', '1 cup unsalted butter, softened'),
 ('float_or_string_number', 'FloatOrString', '3.14'),
 ('list_of_union_hint', 'ListOfUnion', '[1, "a", 2, "b", "3"]'),
 ('person_alias_key', 'GetPerson', '{"full_name": "Grace Hopper", "age": 85}'),
 ('person_real_name_key_fails', 'GetPerson', '{"name": "Grace Hopper", "age": 85}'),
 ('person_single_string_fails', 'GetPerson', '"Grace Hopper"'),
 ('literal_key_map', 'LitKeyMap', '{"a": 1, "b": 2, "c": 3}'),
]
suite('own-unions-maps', UNIONS, UFNS, ucases)

# ---------------------------------------------------------------- recursion
REC = r'''
class TreeNode {
  value int
  children TreeNode[]
}
class LinkedList {
  head Node?
  len int
}
class Node {
  data string
  next Node?
}
class Comment {
  author string
  text string
  replies Comment[]?
}
type JsonValue = string | int | float | bool | null | JsonValue[] | map<string, JsonValue>
type StringTree = string | StringTree[]
'''
RECFNS = {'Tree': 'TreeNode', 'List': 'LinkedList', 'Thread': 'Comment', 'ParseJson': 'JsonValue', 'STree': 'StringTree', 'Forest': 'TreeNode[]'}
reccases = [
 ('tree_nested', 'Tree', '{"value": 1, "children": [{"value": 2, "children": []}, {"value": 3, "children": [{"value": 4, "children": []}]}]}'),
 ('tree_missing_children', 'Tree', '{"value": 1, "children": [{"value": 2}]}'),
 ('tree_truncated', 'Tree', '{"value": 1, "children": [{"value": 2, "children": [{"value": 3'),
 ('linked_list', 'List', '{"head": {"data": "a", "next": {"data": "b", "next": null}}, "len": 2}'),
 ('linked_list_deep_unquoted', 'List', '{head: {data: a, next: {data: b, next: {data: c}}}, len: 3}'),
 ('comment_thread', 'Thread', '{"author": "ann", "text": "hi", "replies": [{"author": "bob", "text": "hey", "replies": null}]}'),
 ('json_alias_object', 'ParseJson', '{"a": 1, "b": [true, null, 2.5, "x"], "c": {"d": {}}}'),
 ('json_alias_scalar', 'ParseJson', '12'),
 ('json_alias_text', 'ParseJson', 'hello there'),
 ('string_tree', 'STree', '["a", ["b", ["c"]], "d"]'),
 ('forest_single', 'Forest', '{"value": 7, "children": []}'),
]
suite('own-recursive', REC, RECFNS, reccases)
print('ok')
