# Shared by the gen_*.py generators: writes one own golden SAP suite (baml_src/main.baml +
# cases.json) under tests/golden/sap; expected.json comes from the reference oracle
# (tests/sap/tools/make_golden.sh).
import json, os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'golden', 'sap')

PROMPT = '\n    {{ input }}\n    {{ ctx.output_format }}\n  '


def suite(name, schema, fns, cases, prompt=PROMPT):
    """fns: {function name: return type}; cases: (id, function, text[, kind]) with kind 'parse' by default."""
    d = os.path.join(OUT, name)
    os.makedirs(os.path.join(d, 'baml_src'), exist_ok=True)
    body = schema.strip() + '\n\n'
    for fn, ty in fns.items():
        body += 'function %s(input: string) -> %s {\n  client "openai/gpt-4o-mini"\n  prompt #"%s"#\n}\n\n' % (fn, ty, prompt)
    with open(os.path.join(d, 'baml_src', 'main.baml'), 'w') as f:
        f.write(body)
    out = [{'id': c[0], 'kind': c[3] if len(c) > 3 else 'parse', 'function': c[1], 'text': c[2]} for c in cases]
    ids = [c['id'] for c in out]
    assert len(ids) == len(set(ids)), name
    with open(os.path.join(d, 'cases.json'), 'w') as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
