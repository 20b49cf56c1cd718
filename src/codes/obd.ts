/**
 * Structure of OBD-II diagnostic trouble codes (SAE J2012 / ISO 15031-6): letter, control digit,
 * subsystem digit, fault number. Structure only; the code titles are SAE's text and stay out.
 */

export type ObdSystem = 'P' | 'C' | 'B' | 'U';

/** Who assigns the meaning: ISO/SAE for every make, the manufacturer, or nobody yet. */
export type ObdControl = 'generic' | 'manufacturer' | 'reserved';

export interface ObdDecoding {
  /** Upper case, five characters, e.g. P0420. */
  code: string;
  system: ObdSystem;
  systemName: string;
  /** Second character, 0–3. */
  controlDigit: string;
  control: ObdControl;
  controlNote: string;
  /** Third character, 0–9 or A–F. */
  subsystemDigit: string;
  /** Only where the grouping is published: generic powertrain ranges (P0xxx, P2xxx). */
  subsystemName?: string;
  /** Last two characters. */
  faultNumber: string;
}

const OBD_CODE = /^([PCBU])([0-3])([0-9A-F])([0-9A-F]{2})$/;

const SYSTEM_NAMES: Record<ObdSystem, string> = {
  P: 'Powertrain',
  C: 'Chassis',
  B: 'Body',
  U: 'Network',
};

const GENERIC_NOTE = 'Generic (ISO/SAE): the same meaning on every OBD-II vehicle.';
const MANUFACTURER_NOTE =
  'Manufacturer-specific: the meaning depends on the make; check its service information.';

// Powertrain grouping of the third character in generic codes. Sources: scan-tool manuals citing J2012,
// e.g. https://www.manualshelf.com/manual/actron/cp9150/user-manual-english/page-18.html and
// https://www.easymanua.ls/xtool/ip500-tls/manual?p=42; A–C per https://obd2scanner.net/obd2-codes/.
const POWERTRAIN_SUBSYSTEMS: Record<string, string> = {
  '0': 'Fuel and air metering and auxiliary emission controls',
  '1': 'Fuel and air metering',
  '2': 'Fuel and air metering (injector circuit)',
  '3': 'Ignition system or misfire',
  '4': 'Auxiliary emission controls',
  '5': 'Vehicle speed control, idle control and auxiliary inputs',
  '6': 'Computer and output circuits',
  '7': 'Transmission',
  '8': 'Transmission',
  '9': 'Transmission',
};
const HYBRID_SUBSYSTEMS: Record<string, string> = {
  A: 'Hybrid propulsion',
  B: 'Hybrid propulsion',
  C: 'Hybrid propulsion',
};

function control(system: ObdSystem, digit: string, third: string): { control: ObdControl; note: string } {
  if (digit === '0') return { control: 'generic', note: GENERIC_NOTE };
  if (digit === '1') return { control: 'manufacturer', note: MANUFACTURER_NOTE };
  if (system === 'P') {
    if (digit === '2') return { control: 'generic', note: GENERIC_NOTE };
    // P3: P30xx–P33xx manufacturer, P34xx–P39xx ISO/SAE (Actron CP9150 manual, page 18, above).
    if (third <= '3') return { control: 'manufacturer', note: `${MANUFACTURER_NOTE} (P30xx–P33xx)` };
    if (third <= '9') return { control: 'generic', note: `${GENERIC_NOTE} (P34xx–P39xx)` };
    return { control: 'reserved', note: 'Outside the published P3 ranges (P30xx–P33xx, P34xx–P39xx).' };
  }
  if (digit === '2') return { control: 'manufacturer', note: MANUFACTURER_NOTE };
  // U3xxx now holds ISO/SAE network codes (OBDex lists U3 among the generic families); J2012 DEC2007
  // §5.4.4 reserves B3xxx (https://es.slideshare.net/OBDCodex/sae-dtc-definitions-j2012-revised-dec2007),
  // and C3xxx is taken to follow the same pattern.
  if (system === 'U') return { control: 'generic', note: GENERIC_NOTE };
  return { control: 'reserved', note: 'Reserved by ISO/SAE for future generic codes.' };
}

/** Decodes the structure of an OBD-II code such as "p0300"; null when it is not one. */
export function decodeObd(input: string): ObdDecoding | null {
  const m = OBD_CODE.exec(input.trim().toUpperCase());
  if (m === null) return null;
  const [code, letter, digit, third, fault] = m as unknown as [string, ObdSystem, string, string, string];
  const { control: ctl, note } = control(letter, digit, third);
  const decoding: ObdDecoding = {
    code,
    system: letter,
    systemName: SYSTEM_NAMES[letter],
    controlDigit: digit,
    control: ctl,
    controlNote: note,
    subsystemDigit: third,
    faultNumber: fault,
  };
  if (letter === 'P' && (digit === '0' || digit === '2')) {
    const name = POWERTRAIN_SUBSYSTEMS[third] ?? (digit === '0' ? HYBRID_SUBSYSTEMS[third] : undefined);
    if (name !== undefined) decoding.subsystemName = name;
  }
  return decoding;
}

const CONTROL_WORDS: Record<ObdControl, string> = {
  generic: 'generic (SAE)',
  manufacturer: 'manufacturer-specific',
  reserved: 'reserved',
};

/** The structure in words, as a title: "Powertrain · generic (SAE) · ignition system or misfire". */
export function obdStructureTitle(decoding: ObdDecoding): string {
  return [
    decoding.systemName,
    CONTROL_WORDS[decoding.control],
    decoding.subsystemName &&
      decoding.subsystemName.charAt(0).toLowerCase() + decoding.subsystemName.slice(1),
  ]
    .filter(Boolean)
    .join(' · ');
}
