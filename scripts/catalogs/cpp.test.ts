import { describe, expect, it } from 'vitest';
import {
  type EvalEnv,
  EvalError,
  SourceError,
  evaluateDefine,
  evaluateExpression,
  logicalLines,
  parseDefineLine,
  parseDefines,
  stripComments,
} from './cpp.ts';

const table = (values: Record<string, number>): EvalEnv => ({
  lookup: (name) => (name in values ? { value: values[name]!, tags: new Set() } : undefined),
});
const none = table({});
const ev = (expr: string, env: EvalEnv = none): number => evaluateExpression(expr, env).value;

describe('stripComments / logicalLines', () => {
  it('blanks comments but keeps line numbers, and collects the comments', () => {
    const src = '/* a\n b */\n#define X 1 /* one */\n// two\n#define Y "//not a comment"\n';
    const { code, comments } = stripComments(src);
    expect(code.split('\n')).toHaveLength(src.split('\n').length);
    expect(code).toContain('#define X 1');
    expect(code).not.toContain('one');
    expect(code).toContain('"//not a comment"');
    expect(comments.map((c) => c.line)).toEqual([1, 3, 4]);
  });

  it('joins continuation lines and reports the first line', () => {
    expect(logicalLines('a\n#define X (1 | \\\n  2)\nb')).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: '#define X (1 |    2)' },
      { line: 4, text: 'b' },
    ]);
  });
});

describe('parseDefineLine', () => {
  it('parses object-like and function-like macros', () => {
    expect(parseDefineLine('#define\tERROR_ACCESS_DENIED\t__MSABI_LONG(5)', 'w.h', 3)).toEqual({
      name: 'ERROR_ACCESS_DENIED',
      params: null,
      body: '__MSABI_LONG(5)',
      line: 3,
    });
    expect(parseDefineLine('  #  define MAKE_HRESULT(sev,fac, code) ((HRESULT) x)', 'w.h', 9)).toMatchObject({
      name: 'MAKE_HRESULT',
      params: ['sev', 'fac', 'code'],
    });
    // A space before '(' makes it object-like, as in C.
    expect(parseDefineLine('#define X _HRESULT_TYPEDEF_ (1)', 'w.h', 1)).toMatchObject({
      params: null,
      body: '_HRESULT_TYPEDEF_ (1)',
    });
    expect(parseDefineLine('#define GUARD', 'w.h', 1)).toMatchObject({ name: 'GUARD', body: '' });
  });

  it('ignores lines that are not #define', () => {
    expect(parseDefineLine('#ifdef X', 'w.h', 1)).toBeNull();
    expect(parseDefineLine('#defineX 1', 'w.h', 1)).toBeNull();
    expect(parseDefineLine('int define = 1;', 'w.h', 1)).toBeNull();
  });

  it('reports a malformed #define with file:line', () => {
    expect(() => parseDefineLine('#define 123 4', 'bad.h', 17)).toThrow(SourceError);
    expect(() => parseDefineLine('#define 123 4', 'bad.h', 17)).toThrow(
      /^bad\.h:17: malformed #define: expected a macro name/,
    );
    expect(() => parseDefineLine('#define', 'bad.h', 2)).toThrow(/^bad\.h:2: malformed #define/);
    expect(() => parseDefineLine('#define F(a b) a', 'bad.h', 5)).toThrow(
      /^bad\.h:5: malformed #define: bad parameter/,
    );
    expect(() => parseDefineLine('#define F(a', 'bad.h', 6)).toThrow(/^bad\.h:6: .*unclosed parameter list/);
    expect(() => parseDefineLine('#define X+1', 'bad.h', 8)).toThrow(/^bad\.h:8: .*unexpected '\+'/);
  });

  it('parseDefines finds every define with its line, through comments and continuations', () => {
    const src = [
      '/**',
      ' * banner',
      ' */',
      '#ifndef G',
      '#define G',
      '#define A 1 /* one */',
      '#define B (A + \\',
      '           2)',
      '#define C 3',
    ].join('\n');
    expect(parseDefines(src, 'x.h').map((d) => [d.name, d.line, d.body])).toEqual([
      ['G', 5, ''],
      ['A', 6, '1'],
      ['B', 7, '(A + 2)'],
      ['C', 9, '3'],
    ]);
  });

  it('parseDefines reports the line of a malformed define', () => {
    expect(() => parseDefines('#define A 1\n/* c */\n#define (oops)\n', 'm.h')).toThrow(
      /^m\.h:3: malformed #define/,
    );
  });
});

describe('evaluateExpression', () => {
  it('reads integer literals with suffixes, hex and octal', () => {
    expect(ev('5')).toBe(5);
    expect(ev('0x80244007L')).toBe(0x80244007);
    expect(ev('0X1fU')).toBe(31);
    expect(ev('12UL')).toBe(12);
    expect(ev('010')).toBe(8);
    expect(ev('0')).toBe(0);
  });

  it('does 32-bit unsigned arithmetic with C precedence', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('1 << 31 | 7 << 16 | 5')).toBe(0x80070005);
    expect(ev('(0xC0000000 | 0x20000000) & ~0x20000000')).toBe(0xc0000000);
    expect(ev('-1')).toBe(0xffffffff);
    expect(ev('0 - 2')).toBe(0xfffffffe);
    expect(ev('0xFFFFFFFF + 2')).toBe(1);
    expect(ev('0x100 >> 4 ^ 1')).toBe(0x11);
  });

  it('resolves symbols through the environment', () => {
    expect(ev('(WSABASEERR + 4)', table({ WSABASEERR: 10000 }))).toBe(10004);
    expect(ev('(INTERNET_ERROR_BASE + 2)', table({ INTERNET_ERROR_BASE: 12000 }))).toBe(12002);
    expect(ev('(NERR_BASE+2)', table({ NERR_BASE: 2100 }))).toBe(2102);
    expect(
      ev(
        '(APPLICATION_ERROR_MASK|ERROR_SEVERITY_ERROR|0x100)',
        table({ APPLICATION_ERROR_MASK: 0x20000000, ERROR_SEVERITY_ERROR: 0xc0000000 }),
      ),
    ).toBe(0xe0000100);
  });

  it('applies casts and tags HRESULT/NTSTATUS values', () => {
    const nt = evaluateExpression('((NTSTATUS)0xC0000005L)', none);
    expect(nt.value).toBe(0xc0000005);
    expect([...nt.tags]).toEqual(['ntstatus']);
    expect(ev('((DWORD)0x00000102)')).toBe(0x102);
    expect(ev('((unsigned __LONG32)(1)<<31)')).toBe(0x80000000);
    expect([...evaluateExpression('((HRESULT)0x00000001)', none).tags]).toEqual(['hresult']);
    expect(evaluateExpression('__MSABI_LONG(5)', none).tags.size).toBe(0);
    // A parenthesised symbol is not a cast.
    expect(ev('(X) + 1', table({ X: 4 }))).toBe(5);
  });

  it('evaluates the Windows value-building macros', () => {
    const hr = evaluateExpression('_HRESULT_TYPEDEF_(0x80244007L)', none);
    expect(hr.value).toBe(0x80244007);
    expect(hr.tags.has('hresult')).toBe(true);
    expect(ev('_HRESULT_TYPEDEF_ (__MSABI_LONG(0x00270001))')).toBe(0x00270001);
    expect(ev('MAKE_HRESULT(1, 36, 0x4007)')).toBe(0x80244007);
    expect(ev('MAKE_SCODE(0, 4, 0x100)')).toBe(0x00040100);
    expect(ev('HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)', table({ ERROR_ACCESS_DENIED: 5 }))).toBe(0x80070005);
    expect(ev('HRESULT_FROM_WIN32(0)')).toBe(0);
    expect(ev('HRESULT_FROM_WIN32(0x80070005)')).toBe(0x80070005);
    expect(ev('HRESULT_FROM_NT(0xC0000005)')).toBe(0xd0000005);
    expect(ev('HRESULT_FROM_SETUPAPI(0xE0000100)')).toBe(0x800f0100);
    expect(ev('HRESULT_FROM_SETUPAPI(5)')).toBe(0x80070005);
    expect(ev('_NDIS_ERROR_TYPEDEF_(0x8034000FL)')).toBe(0x8034000f);
  });

  it('tags flow through symbols', () => {
    const env: EvalEnv = {
      lookup: (name) =>
        name === 'E_X' ? { value: 0x80004005, tags: new Set(['hresult'] as const) } : undefined,
    };
    expect([...evaluateExpression('E_X', env).tags]).toEqual(['hresult']);
  });

  it('refuses what it cannot evaluate', () => {
    expect(() => ev('UNKNOWN + 1')).toThrow(new EvalError('unknown symbol UNKNOWN'));
    expect(() => ev('FOO(1)')).toThrow(/unsupported macro call FOO/);
    expect(() => ev('MAKE_HRESULT(1, 2)')).toThrow(/expects 3 argument/);
    expect(() => ev('__MSABI_LONG')).toThrow(/used without arguments/);
    expect(() => ev('')).toThrow(/empty expression/);
    expect(() => ev('1 +')).toThrow(/end of expression/);
    expect(() => ev('(1')).toThrow(/expected '\)'/);
    expect(() => ev('1 2')).toThrow(/unexpected '2'/);
    expect(() => ev('"text"')).toThrow(/unexpected character/);
    expect(() => ev('0x1FFFFFFFF')).toThrow(/does not fit in 32 bits/);
    expect(() => ev('1.5')).toThrow();
    expect(() => ev('09')).toThrow(/octal/);
    expect(() => ev('1 << 32')).toThrow(/shift/);
    expect(() => ev('a ? 1 : 2', table({ a: 1 }))).toThrow(/unexpected character '\?'/);
  });
});

describe('evaluateDefine', () => {
  it('wraps failures with file:line and the define', () => {
    const [d] = parseDefines('\n\n#define ERROR_BROKEN (NOT_DEFINED + 1)\n', 'broken.h');
    expect(() => evaluateDefine(d!, 'broken.h', none)).toThrow(SourceError);
    expect(() => evaluateDefine(d!, 'broken.h', none)).toThrow(
      "broken.h:3: cannot evaluate ERROR_BROKEN = '(NOT_DEFINED + 1)': unknown symbol NOT_DEFINED",
    );
  });

  it('refuses function-like macros', () => {
    const [d] = parseDefines('#define F(x) (x)\n', 'f.h');
    expect(() => evaluateDefine(d!, 'f.h', none)).toThrow(/^f\.h:1: F is a function-like macro/);
  });
});
