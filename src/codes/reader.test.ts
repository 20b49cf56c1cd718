import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readingKey } from './parse.ts';
import { MAX_CANDIDATES, readText } from './reader.ts';

const keys = (text: string) => readText(text).map((c) => readingKey(c.readings[0]!));
const firstKey = (text: string) => keys(text)[0];

describe('readText', () => {
  it('reads a code alone in every form', () => {
    expect(firstKey('0x80244007')).toBe('num:2149859335');
    expect(firstKey('80244007')).toBe('num:2149859335');
    expect(firstKey('-2145107961')).toBe('num:2149859335');
    expect(firstKey('P0300')).toBe('obd:P0300');
  });

  it('ignores times, dates, versions, KB numbers, GUIDs, hashes, ids, ports and line numbers', () => {
    expect(keys('2023/09/14 07:51:29.9954817 1348  9240  Agent')).toEqual([]);
    expect(keys('Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.4460.1.7 (KB5034765)')).toEqual([]);
    expect(keys('ServiceId = {9482F4B4-E343-43B6-B170-9A65BC822C77}')).toEqual([]);
    expect(keys('connect ETIMEDOUT 104.16.2.35:443 and listen on :::3000')).toEqual(['sym:ETIMEDOUT']);
    expect(keys('Method failed [CClientCallRecorder::SyncUpdates:733]')).toEqual([]);
    expect(keys('Faulting process id: 0x1a3c')).toEqual([]);
    expect(keys('will be taken in 60000 milliseconds; Event ID: 7031')).toEqual([]);
    expect(keys('see https://go.microsoft.com/fwlink/?LinkId=243077 for more')).toEqual([]);
  });

  it('prefers the labelled error code over incidental numbers on a log line', () => {
    const line =
      '2015-06-11\t10:14:35:624\t 912\t1e14\tPT\tWARNING: SyncUpdates failure, error = 0x80244007, soap client error = 7, soap error code = 400, HTTP status code = 200';
    expect(firstKey(line)).toBe('num:2149859335');
    expect(
      firstKey('2024/02/03 11:02:17.4556310 6764  11488 ProtocolTalker  *FAILED* [8024401C] Method failed'),
    ).toBe('num:2149859356');
    expect(firstKey('Error      [0x08038d] MIG    Failed to apply settings. Error: 0x8007000d')).toBe(
      'num:2147942413',
    );
  });

  it('needs a label for a short number', () => {
    expect(keys('it took 5 seconds')).toEqual([]);
    expect(firstKey('error 5')).toBe('num:5');
    expect(firstKey('System error 53 has occurred.')).toBe('num:53');
  });

  it('never takes common words for names', () => {
    expect(keys('npm ERR! code EACCES')).toEqual(['sym:EACCES']);
    expect(keys('ERROR: FAILED with STATUS CODE')).toEqual([]);
  });

  it('reads tool prefixes as context', () => {
    expect(readText('npm ERR! code EACCES')[0]!.hints).toContain('errno');
    expect(readText('Error: listen EADDRINUSE: address already in use :::3000')[0]!.text).toBe('EADDRINUSE');
    const net = readText('NET::ERR_CERT_DATE_INVALID')[0]!;
    expect(net.text).toBe('ERR_CERT_DATE_INVALID');
    expect(net.hints).toContain('chromium');
  });

  it('reads status phrases in any wording as that HTTP status', () => {
    for (const [text, status] of [
      ['502 Bad Gateway', 502],
      ['HTTP Error 503. The service is unavailable.', 503],
      ['413 Request Entity Too Large', 413],
      ['HTTP Error 502.3 - Bad Gateway', 502],
      ['504 Gateway Time-out', 504],
      ['The remote server returned an error: (401) Unauthorized.', 401],
    ] as const) {
      const top = readText(text)[0]!;
      expect(top.readings[0]).toMatchObject({ scheme: 'http', status });
      expect(top.hints).toContain('http');
    }
  });

  it('reads an error page titled with a reason phrase alone as that status', () => {
    const apache =
      "Forbidden\nYou don't have permission to access this resource.\nApache/2.4.57 (Debian) Server at example.com Port 443";
    expect(readText(apache)[0]!.readings[0]).toMatchObject({ scheme: 'http', status: 403 });
    expect(readText('Service Unavailable')[0]!.readings[0]).toMatchObject({ scheme: 'http', status: 503 });
    expect(readText('Access is forbidden here')).toEqual([]);
  });

  it('reads stop-code screens and debugger output as bug checks', () => {
    expect(readText('stop code 0x0000007E')[0]!.hints).toContain('bugcheck');
    expect(readText('Stop code: DPC_WATCHDOG_VIOLATION')[0]!.hints).toContain('bugcheck');
    const windbg = readText('BugCheck 124, {0, ffffc28a4e7b4028, be000000, 800400}')[0]!;
    expect(windbg.readings[0]).toMatchObject({ scheme: 'number', value: 0x124, written: 'hex' });
    expect(readText('BugCheck D1, {ffffd50f3a5c7000, 2, 0, fffff8023c1a5b21}')[0]!.readings[0]).toMatchObject(
      {
        value: 0xd1,
      },
    );
  });

  it('reads errno numbers the way Node and Python print them', () => {
    expect(readText('errno: -13')[0]!.readings[0]).toMatchObject({ scheme: 'number', value: 13 });
    expect(readText("PermissionError: [Errno 13] Permission denied: '/var/log/app.log'")[0]!.hints).toContain(
      'errno',
    );
  });

  it('keeps a sign-extended 32-bit value and drops addresses', () => {
    expect(keys('parameter 0xffffffffc0000005')).toContain('num:3221225477');
    expect(keys('at 0x00007FFB3C2E1F4A')).toEqual([]);
  });

  it('says why each candidate is listed', () => {
    const top = readText(
      'Installation Failure: Windows failed to install the following update with error 0x80070643',
    )[0]!;
    expect(top.why.join(' ')).toMatch(/Windows error value/);
    expect(top.why.join(' ')).toMatch(/after "/);
  });
});

describe('readText on any input (properties)', () => {
  const noise = fc.array(
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '2024-01-09 14:22:31,',
        'Info',
        'CBS',
        '22621.3007.1.6',
        'KB5034765',
        '{9482F4B4-E343-43B6-B170-9A65BC822C77}',
        'pid 4312',
        '127.0.0.1:8080',
        '\n',
        '\t',
        'ERR!',
        'ERROR',
        '[',
        ']',
      ),
    ),
    { maxLength: 60 },
  );

  it('never throws and returns at most MAX_CANDIDATES', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
        const found = readText(text);
        return Array.isArray(found) && found.length <= MAX_CANDIDATES;
      }),
      { numRuns: 300 },
    );
  });

  it('finds a labelled code planted anywhere in log noise', () => {
    fc.assert(
      fc.property(noise, noise, (before, after) => {
        const text = `${before.join(' ')} error 0x8024A105 ${after.join(' ')}`;
        return keys(text).includes('num:2149884165');
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a.', 8192],
    ['A_', 8192],
    ['1.', 8192],
    ['x1-', 5461],
    ['12 ', 5461],
    ['\\1', 8192],
  ])('stays linear on %j repeated to 16 KB', (unit, times) => {
    const started = performance.now();
    readText(unit.repeat(times));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads 16 KB of pasted text in bounded time', () => {
    const line = '2023/09/14 07:51:29.9954817 1348  9240  Agent  *FAILED* [80240034] hr = 80240034 error 5\n';
    const text = line.repeat(Math.ceil(20_000 / line.length));
    const started = performance.now();
    const found = readText(text);
    expect(performance.now() - started).toBeLessThan(500);
    expect(found.length).toBeLessThanOrEqual(MAX_CANDIDATES);
    expect(readingKey(found[0]!.readings[0]!)).toBe('num:2149842996');
  });
});
