# Writes own golden SAP suites (baml_src + cases.json) under tests/golden/sap; expected.json comes
# from the reference oracle: tests/sap/tools/make_golden.sh tests/golden/sap/own-*
from golden_suite import suite

STREAM = r'''
enum Priority {
  LOW
  MEDIUM
  HIGH
}

class Task {
  id int
  title string @stream.not_null
  priority Priority
  done bool
  tags string[]
  estimate float?
}

class Project {
  name string
  owner string @stream.done
  tasks Task[]
  summary string @stream.with_state
  budget map<string, float>
  status "planning" | "active" | "closed"
}

class Chapter {
  title string
  paragraphs string[]
  @@stream.done
}

class Book {
  title string
  chapters Chapter[]
  rating int @stream.with_state
}
'''
FNS = {'PlanProject': 'Project', 'ListTasks': 'Task[]', 'WriteBook': 'Book', 'Tags': 'string[]', 'Nums': 'int[]', 'OneTask': 'Task?'}

project = ('Sure! Here is the plan:\n\n```json\n{\n  "name": "Website relaunch",\n  "owner": "Dana",\n  "tasks": [\n'
  '    {"id": 1, "title": "Audit pages", "priority": "HIGH", "done": false, "tags": ["seo", "content"], "estimate": 3.5},\n'
  '    {"id": 2, "title": "New design", "priority": "MEDIUM", "done": true, "tags": [], "estimate": null}\n  ],\n'
  '  "summary": "Relaunch in two phases.",\n  "budget": {"design": 1200.5, "dev": 3000},\n  "status": "active"\n}\n```\nLet me know!')
tasks_unquoted = '[\n  {id: 10, title: Write tests, priority: low, done: false, tags: [qa], estimate: 2},\n  {id: 11, title: Ship it, priority: high, done: true, tags: [], estimate: 0.5}\n]'
book = '{"title": "Tides", "chapters": [{"title": "One", "paragraphs": ["The sea rose.", "Night fell."]}, {"title": "Two", "paragraphs": ["Morning."]}], "rating": 4}'

def cuts(text, step):
    pts = sorted(set(list(range(0, len(text), step)) + [len(text)]))
    return pts

cases = []
for name, fn, text, step in [('project', 'PlanProject', project, 9), ('tasks', 'ListTasks', tasks_unquoted, 6), ('book', 'WriteBook', book, 7)]:
    for p in cuts(text, step):
        cases.append(('%s_prefix_%03d' % (name, p), fn, text[:p], 'parse_stream'))
    cases.append(('%s_final' % name, fn, text, 'parse'))
cases += [
 ('tags_stream_partial_item', 'Tags', '["alpha", "be', 'parse_stream'),
 ('tags_stream_unquoted', 'Tags', '[alpha, be', 'parse_stream'),
 ('nums_stream_last_number_pending', 'Nums', '[1, 2, 3', 'parse_stream'),
 ('nums_stream_closed', 'Nums', '[1, 2, 3]', 'parse_stream'),
 ('nums_stream_prose', 'Nums', 'The numbers are 1, 2', 'parse_stream'),
 ('one_task_empty', 'OneTask', '', 'parse_stream'),
 ('one_task_partial_no_title', 'OneTask', '{"id": 3, "priority": "LOW"', 'parse_stream'),
 ('one_task_partial_title', 'OneTask', '{"id": 3, "title": "Fi', 'parse_stream'),
 ('one_task_null', 'OneTask', 'null', 'parse_stream'),
 ('project_status_partial_literal', 'PlanProject', '{"name": "X", "owner": "Y", "status": "acti', 'parse_stream'),
 ('project_owner_partial_done', 'PlanProject', '{"name": "X", "owner": "Yv', 'parse_stream'),
 ('project_summary_pending', 'PlanProject', '{"name": "X"', 'parse_stream'),
 ('project_budget_partial_value', 'PlanProject', '{"name": "X", "budget": {"design": 12', 'parse_stream'),
 ('project_budget_partial_key', 'PlanProject', '{"name": "X", "budget": {"design": 12, "de', 'parse_stream'),
 ('project_preamble_only', 'PlanProject', 'Sure! Here is the plan:\n\n```json\n', 'parse_stream'),
 ('project_fence_open_brace', 'PlanProject', 'Sure!\n```json\n{', 'parse_stream'),
 ('book_chapter_incomplete_dropped', 'WriteBook', '{"title": "Tides", "chapters": [{"title": "One", "paragraphs": ["The sea', 'parse_stream'),
 ('book_rating_with_state_pending', 'WriteBook', '{"title": "Tides", "chapters": []', 'parse_stream'),
 ('book_rating_partial_number', 'WriteBook', '{"title": "Tides", "chapters": [], "rating": 4', 'parse_stream'),
 ('book_rating_done', 'WriteBook', '{"title": "Tides", "chapters": [], "rating": 4}', 'parse_stream'),
]
suite('own-streaming', STREAM, FNS, cases)
print(len(cases))
