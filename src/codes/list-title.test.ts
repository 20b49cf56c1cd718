import { describe, expect, it } from 'vitest';
import { titleBesideCode } from './list-title.ts';

describe('titleBesideCode', () => {
  it.each([
    ['EIO', 'EIO: Input/output error', 'Input/output error'],
    [
      'ECONNREFUSED',
      'ECONNREFUSED — connection refused (nothing is listening there)',
      'connection refused (nothing is listening there)',
    ],
    ['404', '404 Not Found', 'Not Found'],
    [
      '0x80244010',
      'Windows Update error 0x80244010 — too many round trips to the update server',
      'Windows Update error — too many round trips to the update server',
    ],
    [
      '0x8024A105',
      'Windows Update error 0x8024a105 — an undocumented error',
      'Windows Update error — an undocumented error',
    ],
    ['P0299', 'P0299 (P0299)', undefined],
    [
      'IRQL_NOT_LESS_OR_EQUAL',
      'IRQL_NOT_LESS_OR_EQUAL (0x0000000A) — a driver used memory it was not allowed to touch',
      '0x0000000A — a driver used memory it was not allowed to touch',
    ],
    [
      '0xC000007B',
      '"The application was unable to start correctly (0xc000007b)" — a program file has an invalid image format',
      '"The application was unable to start correctly" — a program file has an invalid image format',
    ],
    [
      'ERR_CONNECTION_*',
      'Browser connection errors (ERR_CONNECTION_* and other network errors) — general guide',
      'Browser connection errors (ERR_CONNECTION_* and other network errors) — general guide',
    ],
    ['0x00030200', 'STG_S_CONVERTED: Storage: converted', 'STG_S_CONVERTED: Storage: converted'],
    ['E_FAIL', 'E_FAILURE_MODE: something', 'E_FAILURE_MODE: something'],
    [
      'P0300',
      'OBD-II P0300 — misfires on more than one cylinder',
      'OBD-II — misfires on more than one cylinder',
    ],
    ['EIO', 'Input/output error EIO', 'Input/output error'],
  ])('%s beside %j reads %j', (code, title, expected) => {
    expect(titleBesideCode(code, title)).toBe(expected ?? title);
  });

  it('takes the next title when the first is only the code (a symbol equal to its code)', () => {
    expect(titleBesideCode('EIO', 'EIO', 'Input/output error')).toBe('Input/output error');
    expect(titleBesideCode('EIO', 'EIO')).toBe('EIO');
    expect(titleBesideCode('EIO', undefined, 'Input/output error')).toBe('Input/output error');
  });
});
