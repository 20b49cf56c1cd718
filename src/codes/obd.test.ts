import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeObd, obdStructureTitle } from './obd.ts';

describe('decodeObd', () => {
  it('decodes P0300 as a generic powertrain ignition/misfire code', () => {
    expect(decodeObd('P0300')).toEqual({
      code: 'P0300',
      system: 'P',
      systemName: 'Powertrain',
      controlDigit: '0',
      control: 'generic',
      controlNote: expect.stringContaining('Generic'),
      subsystemDigit: '3',
      subsystemName: 'Ignition system or misfire',
      faultNumber: '00',
    });
  });

  it('normalizes p0420 to P0420 in the auxiliary emission controls group', () => {
    expect(decodeObd('p0420')).toMatchObject({
      code: 'P0420',
      subsystemDigit: '4',
      subsystemName: 'Auxiliary emission controls',
    });
    expect(decodeObd('  P0420 ')?.code).toBe('P0420');
  });

  it('decodes U0100 as a generic network code without a subsystem name', () => {
    const d = decodeObd('U0100');
    expect(d).toMatchObject({ system: 'U', systemName: 'Network', control: 'generic', subsystemDigit: '1' });
    expect(d?.subsystemName).toBeUndefined();
  });

  it('marks P1234 manufacturer-specific and names no subsystem', () => {
    const d = decodeObd('P1234');
    expect(d).toMatchObject({ control: 'manufacturer', subsystemDigit: '2' });
    expect(d?.controlNote).toMatch(/manufacturer/i);
    expect(d?.subsystemName).toBeUndefined();
  });

  it('treats P2xxx as generic with the same subsystem groups', () => {
    expect(decodeObd('P2096')).toMatchObject({
      control: 'generic',
      subsystemName: expect.stringMatching(/^Fuel/),
    });
    expect(decodeObd('P2700')).toMatchObject({ subsystemName: 'Transmission' });
  });

  it('splits P3 between manufacturer (P30–P33) and ISO/SAE (P34–P39)', () => {
    expect(decodeObd('P3000')?.control).toBe('manufacturer');
    expect(decodeObd('P33FF')?.control).toBe('manufacturer');
    expect(decodeObd('P3400')?.control).toBe('generic');
    expect(decodeObd('P3999')?.control).toBe('generic');
    expect(decodeObd('P3A00')?.control).toBe('reserved');
    expect(decodeObd('P3400')?.subsystemName).toBeUndefined();
  });

  it('reads the second digit of body, chassis and network codes', () => {
    expect(decodeObd('B0001')).toMatchObject({ systemName: 'Body', control: 'generic' });
    expect(decodeObd('B1001')?.control).toBe('manufacturer');
    expect(decodeObd('C2001')).toMatchObject({ systemName: 'Chassis', control: 'manufacturer' });
    expect(decodeObd('U2001')?.control).toBe('manufacturer');
    expect(decodeObd('B3001')?.control).toBe('reserved');
    expect(decodeObd('C3001')?.control).toBe('reserved');
    expect(decodeObd('U3000')?.control).toBe('generic');
  });

  it('names the hybrid groups of P0A–P0C and every transmission digit', () => {
    expect(decodeObd('P0A80')?.subsystemName).toBe('Hybrid propulsion');
    expect(decodeObd('P0D00')?.subsystemName).toBeUndefined();
    expect(decodeObd('P2A00')?.subsystemName).toBeUndefined();
    for (const digit of ['7', '8', '9'])
      expect(decodeObd(`P0${digit}00`)?.subsystemName).toBe('Transmission');
    expect(decodeObd('P0171')?.subsystemName).toBe('Fuel and air metering');
    expect(decodeObd('P0201')?.subsystemName).toBe('Fuel and air metering (injector circuit)');
    expect(decodeObd('P0500')?.subsystemName).toMatch(/^Vehicle speed/);
    expect(decodeObd('P0600')?.subsystemName).toBe('Computer and output circuits');
    expect(decodeObd('P0010')?.subsystemName).toMatch(/auxiliary emission/);
  });

  it('keeps to structure for cylinder misfires, adding no titles', () => {
    for (let cylinder = 1; cylinder <= 8; cylinder++) {
      const d = decodeObd(`P030${cylinder}`);
      expect(d?.subsystemName).toBe('Ignition system or misfire');
      expect(JSON.stringify(d)).not.toMatch(/cylinder/i);
    }
  });

  it('titles a code by its structure in words', () => {
    const title = (code: string) => obdStructureTitle(decodeObd(code)!);
    expect(title('P0123')).toBe('Powertrain · generic (SAE) · fuel and air metering');
    expect(title('P0299')).toBe('Powertrain · generic (SAE) · fuel and air metering (injector circuit)');
    expect(title('P1234')).toBe('Powertrain · manufacturer-specific');
    expect(title('C0035')).toBe('Chassis · generic (SAE)');
    expect(title('B3000')).toBe('Body · reserved');
  });

  it('returns null for anything that is not a DTC', () => {
    for (const bad of ['', 'P030', 'P03000', 'X0300', 'P4300', 'P0G00', '0300', 'P 0300', 'P0300x']) {
      expect(decodeObd(bad)).toBeNull();
    }
  });

  it('never throws, and decodes every five-character code it accepts back to itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const d = decodeObd(s);
        if (d !== null) expect(d.code).toBe(s.trim().toUpperCase());
      }),
    );
    const dtc = fc
      .tuple(
        fc.constantFrom('P', 'C', 'B', 'U', 'p', 'c', 'b', 'u'),
        fc.constantFrom('0', '1', '2', '3'),
        fc.stringMatching(/^[0-9a-fA-F]{3}$/),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(dtc, (code) => {
        const d = decodeObd(code);
        expect(d?.code).toBe(code.toUpperCase());
        expect(['generic', 'manufacturer', 'reserved']).toContain(d?.control);
      }),
    );
  });
});
