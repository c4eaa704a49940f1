#!/usr/bin/env python3
"""Turns the reference's jsonish test macros (engine/baml-lib/jsonish/src/tests/*.rs) into golden
case inputs: a BAML project per distinct schema plus cases.json. Expected results are NOT taken
from the macros; run the oracle on the generated cases (see make_golden.sh).

usage: port_jsonish_tests.py REF_TESTS_DIR OUT_DIR
"""
import hashlib, json, os, re, sys

def read_rust_string(s, i):
    """Parses a Rust string literal starting at s[i]; returns (value, end_index)."""
    if s[i] == 'r':
        j = i + 1
        hashes = 0
        while s[j] == '#':
            hashes += 1; j += 1
        assert s[j] == '"'
        end = s.index('"' + '#' * hashes, j + 1)
        return s[j + 1:end], end + 1 + hashes
    assert s[i] == '"', s[i:i+20]
    j = i + 1
    out = []
    while s[j] != '"':
        c = s[j]
        if c == '\\':
            n = s[j + 1]
            if n == 'n': out.append('\n'); j += 2
            elif n == 't': out.append('\t'); j += 2
            elif n == 'r': out.append('\r'); j += 2
            elif n == '0': out.append('\0'); j += 2
            elif n in '"\\\'': out.append(n); j += 2
            elif n == 'u':
                k = s.index('}', j)
                out.append(chr(int(s[j + 3:k], 16))); j = k + 1
            elif n == '\n':
                j += 2
                while s[j] in ' \t\n\r': j += 1
            else: raise ValueError('escape ' + n)
        else:
            out.append(c); j += 1
    return ''.join(out), j + 1

def is_raw_start(s, j):
    if s[j - 1].isalnum() or s[j - 1] == '_': return False
    k = j + 1
    while k < len(s) and s[k] == '#': k += 1
    return k < len(s) and s[k] == '"'

def in_line_comment(s, i):
    line_start = s.rfind('\n', 0, i) + 1
    return s[line_start:i].lstrip().startswith('//')

def split_args(s, i):
    """Splits macro arguments starting after '(' at s[i]; returns (list of raw arg strings, end)."""
    args, depth, start, j = [], 0, i, i
    while True:
        c = s[j]
        if c == 'r' and is_raw_start(s, j):
            _, j = read_rust_string(s, j); continue
        if c == '"':
            _, j = read_rust_string(s, j); continue
        if c == '/' and s[j+1] == '/':
            j = s.index('\n', j); continue
        if c in '([{': depth += 1
        elif c in ')]}':
            if depth == 0:
                args.append(s[start:j].strip()); return args, j + 1
            depth -= 1
        elif c == ',' and depth == 0:
            args.append(s[start:j].strip()); start = j + 1
        j += 1

def literal_value(arg):
    arg = arg.strip()
    arg = strip_comments(arg).strip()
    v, end = read_rust_string(arg, 0)
    rest = arg[end:].strip()
    if rest == '.trim()': return v.strip()
    assert rest == '', arg
    return v

class TypeConv:
    def __init__(self, src): self.s = src; self.i = 0
    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in ' \t\n\r': self.i += 1
    def eat(self, t):
        self.ws(); assert self.s.startswith(t, self.i), (t, self.s[self.i:self.i+40]); self.i += len(t)
    def peek(self, t): self.ws(); return self.s.startswith(t, self.i)
    def ident(self):
        self.ws(); m = re.compile(r'[A-Za-z_#:0-9]+').match(self.s, self.i); self.i = m.end(); return m.group(0)
    def string(self):
        self.ws(); v, self.i = read_rust_string(self.s, self.i)
        if self.peek('.into()'): self.eat('.into()')
        elif self.peek('.to_string()'): self.eat('.to_string()')
        return v
    def args_list(self):
        out = []
        self.eat('(')
        while not self.peek(')'):
            out.append(self.expr())
            if self.peek(','): self.eat(',')
        self.eat(')')
        return out
    def opt_comma(self):
        if self.peek(','): self.eat(',')
    def default_meta(self):
        self.ws()
        if self.peek('Default::default()'): self.eat('Default::default()')
        else:
            # any other meta expression: skip balanced
            d = 0
            while True:
                c = self.s[self.i]
                if c in '([{': d += 1
                if c in ')]}':
                    if d == 0: break
                    d -= 1
                if c == ',' and d == 0: break
                self.i += 1
    def primary(self):
        name = self.ident()
        if name.startswith('baml_types::'): name = name[len('baml_types::'):]
        if name in ('TypeIR::string', 'TypeIR::int', 'TypeIR::float', 'TypeIR::bool', 'TypeIR::null'):
            self.eat('('); self.eat(')'); return ('t', name.split('::')[1])
        if name in ('TypeIR::class', 'TypeIR::r#enum', 'TypeIR::recursive_type_alias'):
            self.eat('('); n = self.string(); self.eat(')'); return ('t', n)
        if name == 'TypeIR::literal_string':
            self.eat('('); n = self.string(); self.eat(')'); return ('t', json.dumps(n))
        if name in ('TypeIR::list', 'TypeIR::optional'):
            self.eat('('); inner = self.expr(); self.eat(')')
            return ('list', inner) if name.endswith('list') else ('opt', inner)
        if name == 'TypeIR::union':
            self.eat('('); self.eat('vec!'); self.eat('[')
            items = []
            while not self.peek(']'):
                items.append(self.expr())
                if self.peek(','): self.eat(',')
            self.eat(']'); self.eat(')')
            return ('union', items)
        if name == 'TypeIR::map':
            a = self.args_list(); return ('map', a[0], a[1])
        if name == 'TypeIR::Primitive':
            self.eat('('); tv = self.ident(); self.eat(','); self.default_meta(); self.opt_comma(); self.eat(')')
            return ('t', {'TypeValue::String': 'string', 'TypeValue::Int': 'int', 'TypeValue::Float': 'float', 'TypeValue::Bool': 'bool', 'TypeValue::Null': 'null'}[tv])
        if name == 'TypeIR::List':
            self.eat('('); self.ws()
            if self.peek('Box::new('): self.eat('Box::new('); inner = self.expr(); self.eat(')')
            else: inner = self.expr()
            self.eat(','); self.default_meta(); self.opt_comma(); self.eat(')')
            return ('list', inner)
        if name == 'TypeIR::Literal':
            self.eat('('); lv = self.ident(); self.eat('(')
            if lv == 'LiteralValue::String': v = json.dumps(self.string())
            else:
                self.ws(); m = re.compile(r'[-0-9a-z]+').match(self.s, self.i); self.i = m.end(); v = m.group(0)
            self.eat(')'); self.eat(','); self.default_meta(); self.opt_comma(); self.eat(')')
            return ('t', v)
        raise ValueError('unknown type ctor ' + name)
    def expr(self):
        t = self.primary()
        while True:
            if self.peek('.as_list()'): self.eat('.as_list()'); t = ('list', t)
            elif self.peek('.as_optional()'): self.eat('.as_optional()'); t = ('opt', t)
            elif self.peek('.into()'): self.eat('.into()')
            else: return t

def convert_type(arg):
    arg = strip_comments(arg).strip()
    attrs = []
    if arg.startswith('{'):
        if 'streaming_behavior.done = true' in arg: attrs.append('@stream.done')
        m = re.search(r'TypeIR::', arg)
        arg = arg[m.start():]
        conv = TypeConv(arg)
        t = conv.expr()
    else:
        t = TypeConv(arg).expr()
    r = render(t)
    return r + (' ' + ' '.join(attrs) if attrs else '')

def strip_comments(a):
    out = []
    for line in a.split('\n'):
        if line.lstrip().startswith('//'): continue
        out.append(line)
    return '\n'.join(out)

def render(t, ctx='top'):
    k = t[0]
    if k == 't': return t[1]
    if k == 'list':
        inner = render(t[1], 'postfix'); return inner + '[]'
    if k == 'opt':
        inner = render(t[1], 'postfix'); return inner + '?'
    if k == 'map': return 'map<%s, %s>' % (render(t[1]), render(t[2]))
    if k == 'union':
        s = ' | '.join(render(x, 'union') for x in t[1])
        return '(' + s + ')' if ctx in ('postfix', 'union') else s
    raise ValueError(k)

MACROS = {
    'test_deserializer': 'parse', 'test_failing_deserializer': 'parse',
    'test_deserializer_with_expected_score': 'parse',
    'test_partial_deserializer': 'parse_stream', 'test_partial_deserializer_streaming': 'parse_stream',
    'test_partial_deserializer_streaming_failure': 'parse_stream',
}

def main(ref_dir, out_dir):
    consts = {}
    files = sorted(f for f in os.listdir(ref_dir) if f.endswith('.rs') and f not in ('macros.rs', 'animation.rs'))
    sources = {f: open(os.path.join(ref_dir, f)).read() for f in files}
    for f, s in sources.items():
        for m in re.finditer(r'^(?:pub )?const (\w+): &str = ', s, re.M):
            v, _ = read_rust_string(s, m.end())
            consts.setdefault(f, {})[m.group(1)] = v
    skipped = []
    suites = {}
    for f, s in sources.items():
        base = f[:-3].replace('test_', '')
        for m in re.finditer(r'\b(test_[a-z_]+)!\(', s):
            macro = m.group(1)
            if macro not in MACROS: continue
            if s[max(0, m.start() - 20):m.start()].strip().endswith('macro_rules!'): continue
            if in_line_comment(s, m.start()): continue
            args, _ = split_args(s, m.end())
            name = args[0]
            try:
                fa = args[1].strip()
                if re.fullmatch(r'\w+', fa):
                    schema = consts.get(f, {}).get(fa, consts.get('mod.rs', {}).get(fa))
                    if schema is None: raise ValueError('const ' + fa)
                else: schema = literal_value(fa)
                ta = strip_comments(args[2]).strip()
                if re.fullmatch(r'\w+', ta):
                    text = consts.get(f, {}).get(ta, consts.get('mod.rs', {}).get(ta))
                    if text is None: raise ValueError('const ' + ta)
                else: text = literal_value(ta)
                ty = convert_type(args[3])
            except Exception as e:
                skipped.append((f, name, str(e)[:80])); continue
            key = hashlib.sha1(schema.encode()).hexdigest()[:8]
            suites.setdefault((base, key), {'schema': schema, 'cases': []})['cases'].append((name, MACROS[macro], text, ty))
    # merge the schemas of a file into as few projects as their declared names allow
    by_file = {}
    for (base, key), suite in suites.items():
        names = set(re.findall(r'^\s*(?:class|enum|type)\s+(\w+)', suite['schema'], re.M))
        buckets = by_file.setdefault(base, [])
        for b in buckets:
            if not (b['names'] & names):
                b['names'] |= names; b['schema'] += '\n' + suite['schema']; b['cases'] += suite['cases']; break
        else:
            buckets.append({'names': set(names), 'schema': suite['schema'], 'cases': list(suite['cases'])})
    total = 0
    for base, buckets in sorted(by_file.items()):
        for n, suite in enumerate(buckets):
            sname = 'jsonish-' + base + ('' if len(buckets) == 1 else '-%d' % (n + 1))
            d = os.path.join(out_dir, sname)
            os.makedirs(os.path.join(d, 'baml_src'), exist_ok=True)
            fns = []
            cases = []
            for (name, kind, text, ty) in suite['cases']:
                fn = 'Fn_' + name
                fns.append('function %s(input: string) -> %s {\n  client "openai/gpt-4o-mini"\n  prompt #"{{ input }} {{ ctx.output_format }}"#\n}\n' % (fn, ty))
                cases.append({'id': name, 'kind': kind, 'function': fn, 'text': text})
            with open(os.path.join(d, 'baml_src', 'main.baml'), 'w') as fh:
                fh.write(suite['schema'].strip('\n') + '\n\n' + '\n'.join(fns))
            with open(os.path.join(d, 'cases.json'), 'w') as fh:
                json.dump(cases, fh, indent=1, ensure_ascii=False); fh.write('\n')
            total += len(cases)
    print('cases', total, 'suites', sum(len(b) for b in by_file.values()), 'skipped', len(skipped))
    for x in skipped: print('  skipped', *x)

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
