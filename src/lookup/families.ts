/** Families of codes named in plain words, for the choice page, the not-found page and the CLI. */
import { FAMILY_LABEL, type ReferenceFamily } from '../catalog/reference.ts';

const FAMILY_NAMES: Record<string, string> = {
  win32: 'Windows system error (Win32)',
  hresult: 'Windows error value (HRESULT)',
  ntstatus: 'Windows kernel status (NTSTATUS)',
  bugcheck: 'Windows stop code (bug check)',
  errno: 'Linux/POSIX errno',
  http: 'HTTP status',
  obd: 'OBD-II trouble code (cars)',
  chromium: 'Chrome/Edge network error',
  configret: 'Windows device configuration result (CONFIGRET)',
  cmprob: 'Windows Device Manager problem code',
  mmresult: 'Windows multimedia error (MMRESULT)',
  mcierror: 'Windows media control error (MCI)',
  jet: 'Windows database engine error (ESE/Jet)',
  pdh: 'Windows performance counter status (PDH)',
  mysql: 'MySQL/MariaDB server error',
  nss: 'Firefox/NSS security error',
  osstatus: 'macOS error (OSStatus)',
  device: "a device maker's own code",
};

/** Families whose codes are negative numbers and ERR_ names (Chromium's net errors), however filed. */
export function isBrowserFamily(family: string): boolean {
  return family === 'chromium' || /^(?:net|neterror|chrome|chromium-net)$/i.test(family);
}

export function familyName(family: string | undefined): string {
  if (family === undefined) return 'code';
  if (isBrowserFamily(family)) return FAMILY_NAMES.chromium!;
  return FAMILY_NAMES[family] ?? FAMILY_LABEL[family as ReferenceFamily] ?? family;
}
