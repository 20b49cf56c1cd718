/**
 * A deliberately small C-preprocessor reader for header files: it finds `#define` lines and evaluates
 * their values with a safe integer-expression evaluator. Nothing here ever calls `eval` or `Function`.
 *
 * What it does:
 * - strips comments (keeping line numbers), joins `\` continuation lines, and reports each `#define`
 *   with the 1-based line on which it starts;
 * - tells object-like macros (`#define X 5`) from function-like ones (`#define F(x) ...`, a `(` right
 *   after the name, as in C);
 * - evaluates integer expressions over literals (decimal, hex, octal, with `u`/`l` suffixes), symbols
 *   resolved through a caller-supplied environment, casts to known integer types, the operators
 *   `+ - * | & ^ ~ << >>` and parentheses, and the handful of function-like macros that Windows
 *   headers use to build status values (`__MSABI_LONG`, `_HRESULT_TYPEDEF_`, `MAKE_HRESULT`,
 *   `HRESULT_FROM_WIN32`, ...; see {@link BUILTIN_MACROS}).
 *
 * What it does not do: `#if`/`#ifdef` are not interpreted (every `#define` is seen; the caller reports
 * conflicting redefinitions) and `#undef` is ignored.
 *
 * Arithmetic is C `unsigned long` on the Microsoft ABI: 32 bits, wrapping.
 */

export interface Define {
  name: string;
  /** Parameter names for function-like macros, `null` for object-like ones. */
  params: string[] | null;
  /** Replacement text with comments removed and whitespace collapsed. */
  body: string;
  /** 1-based line of the `#define`. */
  line: number;
}

/** A problem tied to a place in a source file; its message starts with `file:line:`. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'SourceError';
  }
}

/** An expression that cannot be evaluated; wrapped into a {@link SourceError} by callers that know the place. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Comments and lines
// ---------------------------------------------------------------------------------------------------

export interface Comment {
  /** 1-based line where the comment starts. */
  line: number;
  text: string;
}

/**
 * Splits C source into code with comments blanked out (newlines kept, so line numbers stay right) and
 * the list of comments. String and character literals are respected.
 */
export function stripComments(source: string): { code: string; comments: Comment[] } {
  let code = '';
  const comments: Comment[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      const text = source.slice(i, stop);
      comments.push({ line, text });
      for (const ch of text) {
        if (ch === '\n') {
          code += '\n';
          line++;
        }
      }
      code += ' ';
      i = stop;
    } else if (c === '/' && next === '/') {
      let end = source.indexOf('\n', i);
      if (end === -1) end = n;
      comments.push({ line, text: source.slice(i, end) });
      code += ' ';
      i = end;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      code += source.slice(i, j + 1);
      i = j + 1;
    } else {
      if (c === '\n') line++;
      code += c;
      i++;
    }
  }
  return { code, comments };
}

export interface LogicalLine {
  /** 1-based line where the logical line starts. */
  line: number;
  text: string;
}

/** Joins backslash-continued physical lines into logical lines. */
export function logicalLines(code: string): LogicalLine[] {
  const physical = code.split('\n');
  const out: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i + 1;
    let text = physical[i]!.replace(/\r$/, '');
    while (text.endsWith('\\') && i + 1 < physical.length) {
      i++;
      text = text.slice(0, -1) + ' ' + physical[i]!.replace(/\r$/, '');
    }
    out.push({ line: start, text });
  }
  return out;
}

const DEFINE_RE = /^\s*#\s*define\b(.*)$/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Parses one logical line. Returns `null` for lines that are not `#define`, the {@link Define} for a
 * well-formed one, and throws a {@link SourceError} (`file:line: ...`) for a malformed one.
 */
export function parseDefineLine(text: string, file: string, line: number): Define | null {
  const m = DEFINE_RE.exec(text);
  if (!m) return null;
  const rest = m[1]!;
  if (rest.length > 0 && !/^\s/.test(rest)) {
    throw new SourceError(
      file,
      line,
      `malformed #define: expected whitespace after 'define': ${text.trim()}`,
    );
  }
  const afterSpace = rest.replace(/^\s+/, '');
  const nameMatch = IDENT_RE.exec(afterSpace);
  if (!nameMatch) {
    throw new SourceError(file, line, `malformed #define: expected a macro name: ${text.trim()}`);
  }
  const name = nameMatch[0];
  let tail = afterSpace.slice(name.length);
  let params: string[] | null = null;
  if (tail.startsWith('(')) {
    const close = tail.indexOf(')');
    if (close === -1) {
      throw new SourceError(
        file,
        line,
        `malformed #define: unclosed parameter list for ${name}: ${text.trim()}`,
      );
    }
    const inner = tail.slice(1, close).trim();
    params = inner === '' ? [] : inner.split(',').map((p) => p.trim());
    for (const p of params) {
      if (p !== '...' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) {
        throw new SourceError(
          file,
          line,
          `malformed #define: bad parameter '${p}' for ${name}: ${text.trim()}`,
        );
      }
    }
    tail = tail.slice(close + 1);
  } else if (tail.length > 0 && !/^\s/.test(tail)) {
    throw new SourceError(
      file,
      line,
      `malformed #define: unexpected '${tail[0]}' after ${name}: ${text.trim()}`,
    );
  }
  const body = tail.trim().replace(/\s+/g, ' ');
  return { name, params, body, line };
}

/** All `#define`s of a source file, in order. Malformed `#define` lines throw (`file:line: ...`). */
export function parseDefines(source: string, file: string): Define[] {
  const { code } = stripComments(source);
  const out: Define[] = [];
  for (const { line, text } of logicalLines(code)) {
    const d = parseDefineLine(text, file, line);
    if (d) out.push(d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------------

/** What kind of Windows value a macro or cast says an expression is. */
export type ValueTag = 'hresult' | 'ntstatus';

export interface Evaluated {
  /** Unsigned 32-bit value. */
  value: number;
  /** Tags gathered from the HRESULT/NTSTATUS-building macros and casts used, transitively. */
  tags: ReadonlySet<ValueTag>;
}

export interface EvalEnv {
  /** Value of an object-like symbol, or `undefined` when unknown. May throw an {@link EvalError}. */
  lookup(name: string): Evaluated | undefined;
  /**
   * A function-like macro defined by the headers (`#define MAKE_D3DHRESULT(code) MAKE_HRESULT(1, _FACD3D, code)`),
   * expanded by substituting its parenthesised arguments; `undefined` when there is none.
   */
  macro?(name: string): Define | undefined;
}

/** Nesting limit for header macro expansion, so a self-referencing macro cannot loop. */
const MAX_EXPANSION_DEPTH = 16;

const MASK = 0xffff_ffffn;
const u32 = (v: bigint): bigint => v & MASK;
const s32 = (v: bigint): bigint => BigInt.asIntN(32, v);

interface Val {
  v: bigint;
  tags: Set<ValueTag>;
}

const join = (...vals: Val[]): Set<ValueTag> => {
  const s = new Set<ValueTag>();
  for (const x of vals) for (const t of x.tags) s.add(t);
  return s;
};

/**
 * Integer types a parenthesised cast may name. A cast keeps the value (32-bit) and, for HRESULT-like
 * and NTSTATUS types, tags it.
 */
export const CAST_TYPES: ReadonlyMap<string, ValueTag | null> = new Map<string, ValueTag | null>([
  ['HRESULT', 'hresult'],
  ['SCODE', 'hresult'],
  ['NTSTATUS', 'ntstatus'],
  ['DWORD', null],
  ['ULONG', null],
  ['LONG', null],
  ['UINT', null],
  ['INT', null],
  ['WORD', null],
  ['USHORT', null],
  ['int', null],
  ['long', null],
  ['unsigned', null],
  ['signed', null],
  ['__LONG32', null],
]);

type Builtin = (args: Val[]) => Val;

const HR_FACILITY_WIN32 = 7n;
const HR_FACILITY_SETUPAPI = 15n;

function hresultFromWin32(x: bigint): bigint {
  // winerror.h: ((HRESULT)(x) <= 0 ? ((HRESULT)(x)) : ((HRESULT) (((x) & 0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000)))
  return s32(x) <= 0n ? u32(x) : u32((x & 0xffffn) | (HR_FACILITY_WIN32 << 16n) | 0x8000_0000n);
}

const arity =
  (name: string, n: number, fn: (args: Val[]) => Val): Builtin =>
  (args) => {
    if (args.length !== n) throw new EvalError(`${name} expects ${n} argument(s), got ${args.length}`);
    return fn(args);
  };

const tagged = (x: Val, tag: ValueTag, v: bigint = x.v): Val => ({
  v: u32(v),
  tags: new Set([...x.tags, tag]),
});

/**
 * Function-like macros evaluated natively, with the meaning their Windows SDK/mingw-w64 definitions
 * give them. Any other macro call is an error.
 */
export const BUILTIN_MACROS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['__MSABI_LONG', arity('__MSABI_LONG', 1, ([x]) => x!)],
  ['_HRESULT_TYPEDEF_', arity('_HRESULT_TYPEDEF_', 1, ([x]) => tagged(x!, 'hresult'))],
  ['_NDIS_ERROR_TYPEDEF_', arity('_NDIS_ERROR_TYPEDEF_', 1, ([x]) => tagged(x!, 'ntstatus'))],
  [
    'MAKE_HRESULT',
    arity('MAKE_HRESULT', 3, ([sev, fac, code]) => ({
      v: u32((sev!.v << 31n) | (fac!.v << 16n) | code!.v),
      tags: new Set([...join(sev!, fac!, code!), 'hresult' as const]),
    })),
  ],
  [
    'MAKE_SCODE',
    arity('MAKE_SCODE', 3, ([sev, fac, code]) => ({
      v: u32((sev!.v << 31n) | (fac!.v << 16n) | code!.v),
      tags: new Set([...join(sev!, fac!, code!), 'hresult' as const]),
    })),
  ],
  [
    'HRESULT_FROM_WIN32',
    arity('HRESULT_FROM_WIN32', 1, ([x]) => tagged(x!, 'hresult', hresultFromWin32(x!.v))),
  ],
  [
    '__HRESULT_FROM_WIN32',
    arity('__HRESULT_FROM_WIN32', 1, ([x]) => tagged(x!, 'hresult', hresultFromWin32(x!.v))),
  ],
  ['HRESULT_FROM_NT', arity('HRESULT_FROM_NT', 1, ([x]) => tagged(x!, 'hresult', x!.v | 0x1000_0000n))],
  [
    'HRESULT_FROM_SETUPAPI',
    arity('HRESULT_FROM_SETUPAPI', 1, ([x]) => {
      // winerror.h: APPLICATION_ERROR_MASK|ERROR_SEVERITY_ERROR codes go to FACILITY_SETUPAPI, others as Win32.
      const mask = 0x2000_0000n | 0xc000_0000n;
      const v =
        (x!.v & mask) === mask
          ? (x!.v & 0xffffn) | (HR_FACILITY_SETUPAPI << 16n) | 0x8000_0000n
          : hresultFromWin32(x!.v);
      return tagged(x!, 'hresult', v);
    }),
  ],
]);

type Token =
  | { kind: 'num'; value: bigint; text: string }
  | { kind: 'ident'; text: string }
  | { kind: 'op'; text: string };

const NUMBER_RE = /^(0[xX][0-9A-Fa-f]+|[0-9]+)([uUlL]*)(?![A-Za-z0-9_])/;
const OPS = ['<<', '>>', '+', '-', '*', '|', '&', '^', '~', '(', ')', ','];

export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const rest = expr.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const num = NUMBER_RE.exec(rest);
    if (num) {
      const digits = num[1]!;
      const suffix = num[2]!;
      if (!/^(u|l|ul|lu|ll|ull|llu)?$/i.test(suffix))
        throw new EvalError(`bad integer suffix in '${num[0]}'`);
      let value: bigint;
      if (/^0[xX]/.test(digits)) value = BigInt(digits);
      else if (digits.length > 1 && digits.startsWith('0')) {
        if (!/^[0-7]+$/.test(digits)) throw new EvalError(`bad octal literal '${digits}'`);
        value = BigInt('0o' + digits.slice(1));
      } else value = BigInt(digits);
      if (value > MASK) throw new EvalError(`literal '${num[0]}' does not fit in 32 bits`);
      tokens.push({ kind: 'num', value, text: num[0] });
      i += num[0].length;
      continue;
    }
    const id = IDENT_RE.exec(rest);
    if (id) {
      tokens.push({ kind: 'ident', text: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    throw new EvalError(`unexpected character '${rest[0]}'`);
  }
  return tokens;
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '|': 1,
  '^': 2,
  '&': 3,
  '<<': 4,
  '>>': 4,
  '+': 5,
  '-': 5,
  '*': 6,
};

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly env: EvalEnv,
    private readonly depth = 0,
  ) {}

  /** Tokens of each argument of a call whose '(' was just consumed, up to and past its ')'. */
  private rawArguments(): Token[][] {
    const args: Token[][] = [];
    let current: Token[] = [];
    let level = 0;
    for (;;) {
      const t = this.tokens[this.pos++];
      if (!t) throw new EvalError('unclosed macro call');
      if (t.kind === 'op' && t.text === '(') level++;
      else if (t.kind === 'op' && t.text === ')') {
        if (level === 0) break;
        level--;
      } else if (t.kind === 'op' && t.text === ',' && level === 0) {
        args.push(current);
        current = [];
        continue;
      }
      current.push(t);
    }
    if (current.length > 0 || args.length > 0) args.push(current);
    return args;
  }

  /** Expands a header-defined function-like macro and evaluates the result. */
  private expand(macro: Define): Val {
    if (this.depth >= MAX_EXPANSION_DEPTH) throw new EvalError(`macro ${macro.name} nests too deeply`);
    const params = macro.params ?? [];
    if (params.includes('...') || /#/.test(macro.body))
      throw new EvalError(`macro ${macro.name} uses variadic arguments or # / ##`);
    const args = this.rawArguments();
    if (args.length !== params.length)
      throw new EvalError(`${macro.name} expects ${params.length} argument(s), got ${args.length}`);
    const open: Token = { kind: 'op', text: '(' };
    const close: Token = { kind: 'op', text: ')' };
    const body = tokenize(macro.body).flatMap((t): Token[] => {
      const i = t.kind === 'ident' ? params.indexOf(t.text) : -1;
      return i === -1 ? [t] : [open, ...args[i]!, close];
    });
    return new Parser(body, this.env, this.depth + 1).parseAll();
  }

  parseAll(): Val {
    if (this.tokens.length === 0) throw new EvalError('empty expression');
    const v = this.expr(1);
    const t = this.tokens[this.pos];
    if (t) throw new EvalError(`unexpected '${t.text}'`);
    return v;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private expectOp(text: string): void {
    const t = this.tokens[this.pos];
    if (!t || t.kind !== 'op' || t.text !== text) {
      throw new EvalError(`expected '${text}' but found ${t ? `'${t.text}'` : 'end of expression'}`);
    }
    this.pos++;
  }

  private expr(minPrec: number): Val {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'op') break;
      const prec = BINARY_PRECEDENCE[t.text];
      if (prec === undefined || prec < minPrec) break;
      this.pos++;
      const right = this.expr(prec + 1);
      left = { v: binary(t.text, left.v, right.v), tags: join(left, right) };
    }
    return left;
  }

  private unary(): Val {
    const t = this.peek();
    if (t && t.kind === 'op') {
      if (t.text === '-' || t.text === '+' || t.text === '~') {
        this.pos++;
        const x = this.unary();
        const v = t.text === '-' ? u32(-x.v) : t.text === '~' ? u32(~x.v) : x.v;
        return { v, tags: new Set(x.tags) };
      }
      if (t.text === '(') {
        const cast = this.tryCast();
        if (cast !== undefined) {
          const x = this.unary();
          return cast ? tagged(x, cast) : x;
        }
        this.pos++;
        const inner = this.expr(1);
        this.expectOp(')');
        return inner;
      }
    }
    return this.primary();
  }

  /** At '(' — if it opens a cast to a known type, consume it and return its tag (or null). */
  private tryCast(): ValueTag | null | undefined {
    let j = this.pos + 1;
    const words: string[] = [];
    while (this.tokens[j]?.kind === 'ident' && CAST_TYPES.has(this.tokens[j]!.text)) {
      words.push(this.tokens[j]!.text);
      j++;
    }
    const close = this.tokens[j];
    if (words.length === 0 || !close || close.kind !== 'op' || close.text !== ')') return undefined;
    this.pos = j + 1;
    let tag: ValueTag | null = null;
    for (const w of words) tag = CAST_TYPES.get(w) ?? tag;
    return tag;
  }

  private primary(): Val {
    const t = this.peek();
    if (!t) throw new EvalError('unexpected end of expression');
    this.pos++;
    if (t.kind === 'num') return { v: t.value, tags: new Set() };
    if (t.kind === 'ident') {
      const next = this.peek();
      if (next && next.kind === 'op' && next.text === '(') {
        const fn = BUILTIN_MACROS.get(t.text);
        if (!fn) {
          const macro = this.env.macro?.(t.text);
          if (!macro) throw new EvalError(`unsupported macro call ${t.text}(...)`);
          this.pos++;
          return this.expand(macro);
        }
        this.pos++;
        const args: Val[] = [];
        if (!(this.peek()?.kind === 'op' && this.peek()?.text === ')')) {
          for (;;) {
            args.push(this.expr(1));
            const sep = this.peek();
            if (sep?.kind === 'op' && sep.text === ',') {
              this.pos++;
              continue;
            }
            break;
          }
        }
        this.expectOp(')');
        return fn(args);
      }
      if (BUILTIN_MACROS.has(t.text)) throw new EvalError(`macro ${t.text} used without arguments`);
      const found = this.env.lookup(t.text);
      if (!found) throw new EvalError(`unknown symbol ${t.text}`);
      return { v: BigInt(found.value), tags: new Set(found.tags) };
    }
    throw new EvalError(`unexpected '${t.text}'`);
  }
}

function binary(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case '|':
      return u32(a | b);
    case '^':
      return u32(a ^ b);
    case '&':
      return u32(a & b);
    case '<<':
      if (b > 31n) throw new EvalError(`shift by ${b} is out of range`);
      return u32(a << b);
    case '>>':
      if (b > 31n) throw new EvalError(`shift by ${b} is out of range`);
      return u32(a >> b);
    case '+':
      return u32(a + b);
    case '-':
      return u32(a - b);
    case '*':
      return u32(a * b);
    default:
      throw new EvalError(`unsupported operator '${op}'`);
  }
}

/** Evaluates a C integer expression; throws {@link EvalError} when it cannot. */
export function evaluateExpression(expr: string, env: EvalEnv): Evaluated {
  const v = new Parser(tokenize(expr), env).parseAll();
  return { value: Number(u32(v.v)), tags: v.tags };
}

/** Evaluates a define's body, turning failures into `file:line:` {@link SourceError}s. */
export function evaluateDefine(define: Define, file: string, env: EvalEnv): Evaluated {
  if (define.params !== null) {
    throw new SourceError(file, define.line, `${define.name} is a function-like macro, not a value`);
  }
  try {
    return evaluateExpression(define.body, env);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new SourceError(file, define.line, `cannot evaluate ${define.name} = '${define.body}': ${msg}`);
  }
}
