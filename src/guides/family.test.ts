import { describe, expect, it } from 'vitest';
import { makeGuide } from '../../test/helpers.ts';
import { coverMatches, coverToLine, familyGuideFor, familyGuideForUnknown, lineToCover } from './family.ts';
import { guideSchema, type Guide } from './schema.ts';

const family = (id: string, code: string, covers: Guide['covers']): Guide =>
  makeGuide({ id, code, kind: 'family', covers, title: `General: ${code}` });

const wu = family('windows-update-errors', '0x8024xxxx', [
  { family: 'hresult', range: [0x80240000, 0x8024ffff] },
]);
const anyHresult = family('hresult-errors', '0x8xxxxxxx', [{ family: 'hresult' }]);
const misfire = family('obd-ii-misfire', 'P03xx', [{ family: 'obd', prefix: 'P03' }]);
const http5 = family('http-5xx', '5xx', [{ family: 'http', range: [500, 599] }]);
const net = family('browser-connection', 'ERR_*', [{ family: 'chromium-net', range: [-199, -100] }]);
const dns = family('browser-dns', 'ERR_NAME_*', [
  { family: 'chromium-net', prefix: 'ERR_NAME_' },
  { family: 'chromium-net', range: [-899, -800] },
]);
const guides = [anyHresult, wu, misfire, http5, net, dns];

describe('coverMatches', () => {
  it('needs the same family, the prefix (any case) and a value inside the range', () => {
    const entry = { family: 'hresult', symbol: 'WU_E_PT_SOAPCLIENT_SOAPFAULT', value: 0x80244007 };
    expect(coverMatches({ family: 'hresult' }, entry)).toBe(true);
    expect(coverMatches({ family: 'ntstatus' }, entry)).toBe(false);
    expect(coverMatches({ family: 'hresult', prefix: 'wu_e_' }, entry)).toBe(true);
    expect(coverMatches({ family: 'hresult', prefix: 'CBS_E_' }, entry)).toBe(false);
    expect(coverMatches({ family: 'hresult', range: [0x80244007, 0x80244007] }, entry)).toBe(true);
    expect(coverMatches({ family: 'hresult', range: [0x80240000, 0x80244006] }, entry)).toBe(false);
  });
});

describe('familyGuideFor', () => {
  it('picks the narrowest cover: a facility range beats the whole family', () => {
    expect(familyGuideFor({ family: 'hresult', symbol: 'WU_E_NO_UPDATE', value: 0x80240024 }, guides)).toBe(
      wu,
    );
    expect(familyGuideFor({ family: 'hresult', symbol: 'E_ACCESSDENIED', value: 0x80070005 }, guides)).toBe(
      anyHresult,
    );
  });

  it('matches OBD-II codes by prefix, HTTP and negative Chromium values by range', () => {
    expect(familyGuideFor({ family: 'obd', symbol: 'P0304', value: 0 }, guides)).toBe(misfire);
    expect(familyGuideFor({ family: 'obd', symbol: 'P0420', value: 0 }, guides)).toBeUndefined();
    expect(familyGuideFor({ family: 'http', symbol: 'Bad Gateway', value: 502 }, guides)).toBe(http5);
    expect(familyGuideFor({ family: 'http', symbol: 'Not Found', value: 404 }, guides)).toBeUndefined();
    expect(
      familyGuideFor({ family: 'chromium-net', symbol: 'ERR_CONNECTION_REFUSED', value: -102 }, guides),
    ).toBe(net);
  });

  it('reads a 32-bit value signed or unsigned, as catalogs store either', () => {
    const unsigned = { family: 'chromium-net', symbol: 'ERR_CONNECTION_REFUSED', value: 0xffffff9a };
    expect(familyGuideFor(unsigned, guides)).toBe(net);
    const signed = { family: 'hresult', symbol: 'WU_E_NO_UPDATE', value: 0x80240024 | 0 };
    expect(familyGuideFor(signed, guides)).toBe(wu);
    expect(
      coverMatches({ family: 'http', range: [500, 599] }, { family: 'http', symbol: '', value: 404 }),
    ).toBe(false);
  });

  it('lets a prefix win over a range of the same family', () => {
    const entry = { family: 'chromium-net', symbol: 'ERR_NAME_NOT_RESOLVED', value: -105 };
    expect(familyGuideFor(entry, guides)).toBe(dns);
    expect(familyGuideFor({ family: 'chromium-net', symbol: 'ERR_DNS_TIMED_OUT', value: -803 }, guides)).toBe(
      dns,
    );
  });

  it('ignores code guides and breaks ties by guide id, whatever the order', () => {
    const twin = family('a-twin', '0x8024xxxx', [{ family: 'hresult', range: [0x80240000, 0x8024ffff] }]);
    const entry = { family: 'hresult', symbol: 'WU_E_NO_UPDATE', value: 0x80240024 };
    expect(familyGuideFor(entry, [wu, twin])).toBe(twin);
    expect(familyGuideFor(entry, [twin, wu])).toBe(twin);
    const code = makeGuide({ covers: undefined });
    expect(familyGuideFor(entry, [code])).toBeUndefined();
  });
});

describe('familyGuideForUnknown', () => {
  const setup = family('setup', '0xC190xxxx', [{ family: 'hresult', range: [0xc1900000, 0xc190ffff] }]);
  const crash = family('crash', '0xC000xxxx', [{ family: 'ntstatus', range: [0xc0000000, 0xffffffff] }]);
  const named = family('named', 'CBS_E_*', [{ family: 'hresult', prefix: 'CBS_E_' }]);

  it('reads a failure-shaped number as HRESULT and NTSTATUS and takes the narrower cover', () => {
    const all = [setup, crash, named];
    expect(familyGuideForUnknown({ scheme: 'number', value: 0xc1900223 }, all)).toBe(setup);
    expect(familyGuideForUnknown({ scheme: 'number', value: 0xc0000999 }, all)).toBe(crash);
    expect(familyGuideForUnknown({ scheme: 'number', value: -1048575 }, all)).toBe(crash); // 0xFFF00001
  });

  it('guesses nothing for small numbers or from names, and reads HTTP statuses', () => {
    expect(familyGuideForUnknown({ scheme: 'number', value: 0x123 }, [crash, named])).toBeUndefined();
    expect(familyGuideForUnknown({ scheme: 'number', value: 0x800f0922 }, [named])).toBeUndefined();
    expect(familyGuideForUnknown({ scheme: 'http', status: 599 }, guides)).toBe(http5);
  });
});

describe('covers as editor lines', () => {
  it('round-trips hex, decimal and negative ranges and prefixes', () => {
    for (const cover of [
      ...wu.covers!,
      ...misfire.covers!,
      ...http5.covers!,
      ...net.covers!,
      ...dns.covers!,
    ]) {
      expect(lineToCover(coverToLine(cover))).toEqual(cover);
    }
    expect(coverToLine(wu.covers![0]!)).toBe('hresult range=0x80240000..0x8024FFFF');
  });

  it('gives an unreadable line back as text, for the schema to reject', () => {
    expect(lineToCover('hresult from=1')).toBe('hresult from=1');
    expect(lineToCover('http range=five..six')).toBe('http range=five..six');
    expect(lineToCover('http range=404')).toEqual({ family: 'http', range: [404, 404] });
  });
});

describe('family guides in the schema', () => {
  it('accepts a family guide with a pattern code and covers', () => {
    expect(guideSchema.safeParse(wu).success).toBe(true);
    expect(guideSchema.safeParse(family('x-stop', 'Stop code *', [{ family: 'bugcheck' }])).success).toBe(
      true,
    );
  });

  it('refuses a family guide without covers or with one code, and covers on a code guide', () => {
    const paths = (g: unknown) => {
      const r = guideSchema.safeParse(g);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...wu, covers: undefined })).toEqual(['covers']);
    expect(paths({ ...wu, code: '0x80244007' })).toEqual(['code']);
    expect(paths(makeGuide({ code: 'P03xx' }))).toEqual(['code']);
    expect(paths(makeGuide({ covers: [{ family: 'obd' }] }))).toEqual(['covers']);
    expect(paths({ ...wu, covers: [{ family: 'hresult', range: [2, 1] }] })).toEqual(['covers.0.range']);
    expect(paths({ ...wu, covers: [{ family: 'HResult' }] })).toEqual(['covers.0.family']);
  });
});
