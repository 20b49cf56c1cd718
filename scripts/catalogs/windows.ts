/**
 * Windows error/status catalogs from the mingw-w64 headers (Debian package `mingw-w64-common`).
 *
 * Pure: takes header texts, returns entries, facilities and per-header records, or throws a
 * {@link CatalogProblems} listing every `file:line` that could not be handled.
 *
 * ## Which `#define`s become entries
 * Every `#define` of a catalog header is classified, in this order (first rule that applies wins), and
 * the per-header counts of each reason are written into the catalog file:
 * 1. function-like macro (`#define F(x) ...`)                     → skipped
 * 2. empty body (include guards, feature flags)                   → skipped
 * 3. listed in the header's `notCodes` (with a reason)            → skipped
 * 4. name starts with `_` (reserved: guards, internal helpers)    → skipped
 * 5. `FACILITY_*`                                                 → `facilities` (winerror.h, ntstatus.h) or skipped
 * 6. `SEVERITY_*`, `STATUS_SEVERITY_*`, `ERROR_SEVERITY_*`        → skipped
 * 7. the header's `select` pattern does not match (API flags, options, ... in mixed headers) → skipped
 * 8. range markers: `*_BASE`, `*_FIRST`, `*_LAST`, `*_MIN`, `*_MAX`, `MAX_*`, `MIN_*` → skipped and
 *    listed by name in the header's record (`markers`), except the header's `codesDespiteName`
 * 9. everything else is an error/status code and MUST evaluate; one that cannot is reported with
 *    file:line and fails the run, unless it is on {@link IGNORED_DEFINES} with a reason.
 *
 * ## Families
 * - ntstatus.h, and winnt.h's `STATUS_*`/`DBG_*` exception codes → `ntstatus`; bugcodes.h →
 *   `bugcheck` (stop codes).
 * - Headers whose codes are all Win32 error codes returned by GetLastError (lmerr.h NERR_*,
 *   wininet.h and winhttp.h 12xxx, raserror.h, mprerror.h, setupapi.h) → `win32`. setupapi.h's
 *   `APPLICATION_ERROR_MASK|ERROR_SEVERITY_ERROR|n` codes (0xE000xxxx) are Win32 errors too: SetupAPI
 *   returns them through GetLastError (HRESULT_FROM_SETUPAPI maps them to 0x800Fxxxx).
 * - Headers whose codes are all HRESULTs (wuerror.h, bitsmsg.h, vsserror.h, slerror.h, sherrors.h,
 *   mferror.h, nserror.h) → `hresult`.
 * - winerror.h mixes both; per symbol: the family on {@link FAMILY_OVERRIDES} if listed there (a few
 *   HRESULT-family success values written as a bare 0, e.g. NOERROR); else `hresult` when its
 *   definition (transitively) uses `_HRESULT_TYPEDEF_`, `MAKE_HRESULT`/`MAKE_SCODE`,
 *   `HRESULT_FROM_WIN32`/`HRESULT_FROM_NT`, or an `(HRESULT)`/`(SCODE)` cast (E_*, S_*, CO_E_*, ...),
 *   or when the value does not fit in 16 bits (Win32 error codes are 16-bit by construction;
 *   `__MSABI_LONG(0x80040100)` is an OLE HRESULT); otherwise `win32` (ERROR_*, WSA*, RPC_S_*, ...).
 * A `win32` value above 0xFFFF is reported as an error unless the header says why it may be
 * (`largeWin32`: setupapi.h only).
 *
 * ## Duplicates
 * The same symbol with the same value in several places becomes one entry, placed at its first
 * definition in header order (non-LGPL headers first), with the other places in `alsoIn`. Different
 * symbols with the same value (WinINet ERROR_INTERNET_TIMEOUT and WinHTTP ERROR_WINHTTP_TIMEOUT, 12002)
 * stay separate entries. The same symbol with different values in different headers stays separate
 * too (one per value); with different values inside one header it is an error.
 */

import {
  type Define,
  type EvalEnv,
  type Evaluated,
  EvalError,
  SourceError,
  evaluateDefine,
  parseDefines,
} from './cpp.ts';
import { type Dep5Stanza, type LicenceId, resolveHeaderLicence } from './licence.ts';

export const FAMILIES = [
  'win32',
  'hresult',
  'ntstatus',
  'bugcheck',
  'configret',
  'cmprob',
  'mmresult',
  'mcierror',
  'jet',
  'pdh',
] as const;
export type Family = (typeof FAMILIES)[number];

export interface HeaderSpec {
  /** File name under usr/share/mingw-w64/include/. */
  file: string;
  /**
   * The family of every code for single-family headers; `derive` for winerror.h; `built` for headers
   * that mix codes with API constants: only values built as an HRESULT or NTSTATUS (through
   * `_HRESULT_TYPEDEF_`, `MAKE_HRESULT`, a header macro that expands to one, an `(HRESULT)` cast, ...)
   * are codes, plus the names matching `plain`.
   */
  family: Family | 'derive' | 'built';
  /** `built` headers: HRESULTs written as bare numbers (`0x80040201L`), by name. */
  plain?: RegExp;
  /** Per-symbol families for headers holding two (first match wins; otherwise `family`). */
  families?: ReadonlyArray<readonly [RegExp, Family]>;
  /** Headers whose definitions this one uses (looked up after it, before the fallbacks). */
  uses?: readonly string[];
  /** Family of the `FACILITY_*` constants published from this header, or null to skip them. */
  facilities: 'hresult' | 'ntstatus' | null;
  /** Symbols that are codes, for headers that also hold API flags and options. */
  select?: RegExp;
  /** Explicit non-code symbols with the reason. */
  notCodes?: Record<string, string>;
  /** Why this header's `win32` codes may exceed 0xFFFF (otherwise that is an error). */
  largeWin32?: string;
  /** Codes whose names happen to look like range markers (rule 8), with the reason. */
  codesDespiteName?: Record<string, string>;
  /** Symbols the header defines again with another value in a branch for another platform, with the reason (the first definition is kept). */
  redefinedElsewhere?: Record<string, string>;
  /** Why this header is in the catalog. */
  why: string;
}

/** The catalog headers, in priority order for merging duplicates. */
export const HEADER_SPECS: readonly HeaderSpec[] = [
  {
    file: 'winerror.h',
    family: 'derive',
    facilities: 'hresult',
    notCodes: {
      FACILITY_NT_BIT: 'bit mask OR-ed into NTSTATUS-derived HRESULTs, not a facility code',
      DNS_ERROR_MASK: 'mask for DNS RCODE errors, not a code',
      WSABASEERR: 'base of the Winsock error range',
    },
    why: 'Win32 error codes and HRESULTs',
  },
  {
    file: 'ntstatus.h',
    family: 'ntstatus',
    facilities: 'ntstatus',
    codesDespiteName: {
      STATUS_IMAGE_NOT_AT_BASE: 'a status (image not loaded at its preferred base), not a range marker',
      STATUS_FREE_VM_NOT_AT_BASE: 'a status (address is not the base of a region), not a range marker',
    },
    why: 'NTSTATUS values',
  },
  { file: 'wuerror.h', family: 'hresult', facilities: null, why: 'Windows Update Agent HRESULTs' },
  { file: 'lmerr.h', family: 'win32', facilities: null, why: 'LAN Manager (NERR_*) network errors' },
  {
    file: 'wininet.h',
    family: 'win32',
    facilities: null,
    select: /^ERROR_/,
    why: 'WinINet 12xxx errors (the header also defines API flags and options, which are skipped)',
  },
  {
    file: 'setupapi.h',
    family: 'win32',
    facilities: null,
    select: /^ERROR_/,
    largeWin32:
      'APPLICATION_ERROR_MASK|ERROR_SEVERITY_ERROR codes (0xE000xxxx) that SetupAPI returns through GetLastError',
    why: 'SetupAPI errors (the header also defines API flags and options, which are skipped)',
  },
  { file: 'bugcodes.h', family: 'bugcheck', facilities: null, why: 'bug check (stop) codes' },
  {
    file: 'raserror.h',
    family: 'win32',
    facilities: null,
    notCodes: { RASBASE: 'base of the RAS error range', RASBASEEND: 'end of the RAS error range' },
    why: 'Remote Access (dial-up/VPN) errors 600-999',
  },
  {
    file: 'mprerror.h',
    family: 'win32',
    facilities: null,
    notCodes: { ROUTEBASE: 'base of the router error range', ROUTEBASEEND: 'end of the router error range' },
    why: 'Routing and Remote Access errors',
  },
  {
    file: 'bitsmsg.h',
    family: 'hresult',
    facilities: null,
    why: 'Background Intelligent Transfer Service HRESULTs',
  },
  { file: 'vsserror.h', family: 'hresult', facilities: null, why: 'Volume Shadow Copy Service HRESULTs' },
  { file: 'slerror.h', family: 'hresult', facilities: null, why: 'Software Licensing (activation) HRESULTs' },
  { file: 'sherrors.h', family: 'hresult', facilities: null, why: 'Shell copy engine and library HRESULTs' },
  { file: 'mferror.h', family: 'hresult', facilities: null, why: 'Media Foundation HRESULTs' },
  { file: 'nserror.h', family: 'hresult', facilities: null, why: 'Windows Media HRESULTs' },
  {
    file: 'winnt.h',
    family: 'ntstatus',
    facilities: null,
    select: /^(STATUS|DBG)_/,
    why: 'STATUS_*/DBG_* exception codes as winnt.h defines them (the same values as ntstatus.h; the header holds much else, which is skipped)',
  },
  {
    file: 'winhttp.h',
    family: 'win32',
    facilities: null,
    select: /^ERROR_WINHTTP_/,
    why: 'WinHTTP 12xxx errors (the header also defines API flags and options, which are skipped)',
  },
  {
    file: 'adserr.h',
    family: 'built',
    facilities: null,
    why: 'Active Directory Service Interfaces (ADSI) HRESULTs',
  },
  { file: 'advpub.h', family: 'built', facilities: null, why: 'Advanced INF (advpack) HRESULTs' },
  { file: 'agterr.h', family: 'built', facilities: null, why: 'Microsoft Agent HRESULTs' },
  {
    file: 'audioclient.h',
    family: 'built',
    facilities: null,
    why: 'Windows audio session (AUDCLNT_*) HRESULTs',
  },
  { file: 'azroles.h', family: 'built', facilities: null, why: 'Authorization Manager HRESULTs' },
  { file: 'callobj.h', family: 'built', facilities: null, why: 'COM call object HRESULTs' },
  {
    file: 'cierror.h',
    family: 'built',
    facilities: null,
    why: 'Indexing Service / Windows Search query HRESULTs',
  },
  {
    file: 'corerror.h',
    family: 'built',
    facilities: null,
    why: '.NET Framework common language runtime (COR_E_*, CORDBG_*, ...) HRESULTs',
  },
  { file: 'd2derr.h', family: 'built', facilities: null, plain: /^D2DERR_/, why: 'Direct2D HRESULTs' },
  {
    file: 'd3d.h',
    family: 'built',
    facilities: null,
    uses: ['ddraw.h'],
    why: 'Direct3D (DirectX 7 and earlier) HRESULTs',
  },
  { file: 'd3d10.h', family: 'built', facilities: null, why: 'Direct3D 10 HRESULTs' },
  { file: 'd3d8.h', family: 'built', facilities: null, why: 'Direct3D 8 HRESULTs' },
  { file: 'd3d9.h', family: 'built', facilities: null, why: 'Direct3D 9 HRESULTs' },
  {
    file: 'd3drm.h',
    family: 'built',
    facilities: null,
    uses: ['ddraw.h'],
    why: 'Direct3D Retained Mode HRESULTs',
  },
  { file: 'd3dx9xof.h', family: 'built', facilities: null, why: 'Direct3DX .x file HRESULTs' },
  { file: 'daogetrw.h', family: 'built', facilities: null, why: 'DAO row fetch HRESULTs' },
  { file: 'dbdaoerr.h', family: 'built', facilities: null, why: 'Data Access Objects (DAO/Jet) HRESULTs' },
  { file: 'dbgeng.h', family: 'built', facilities: null, why: 'Debugger engine HRESULTs' },
  { file: 'ddraw.h', family: 'built', facilities: null, why: 'DirectDraw HRESULTs' },
  { file: 'devicetopology.h', family: 'built', facilities: null, why: 'Device topology HRESULTs' },
  { file: 'dhtmled.h', family: 'built', facilities: null, why: 'DHTML editing control HRESULTs' },
  { file: 'dinput.h', family: 'built', facilities: null, plain: /^DIERR_/, why: 'DirectInput HRESULTs' },
  { file: 'dinputd.h', family: 'built', facilities: null, why: 'DirectInput driver HRESULTs' },
  {
    file: 'dismapi.h',
    family: 'built',
    facilities: null,
    plain: /^DISMAPI_[ES]_/,
    why: 'Deployment Image Servicing and Management (DISM) API HRESULTs',
  },
  { file: 'dmerror.h', family: 'built', facilities: null, why: 'DirectMusic HRESULTs' },
  { file: 'docobj.h', family: 'built', facilities: null, why: 'OLE document object command HRESULTs' },
  { file: 'dplay.h', family: 'built', facilities: null, why: 'DirectPlay HRESULTs' },
  { file: 'dplay8.h', family: 'built', facilities: null, why: 'DirectPlay 8 HRESULTs' },
  { file: 'dpnathlp.h', family: 'built', facilities: null, why: 'DirectPlay NAT helper HRESULTs' },
  { file: 'dsound.h', family: 'built', facilities: null, why: 'DirectSound HRESULTs' },
  { file: 'dxdiag.h', family: 'built', facilities: null, why: 'DirectX diagnostic HRESULTs' },
  { file: 'dxfile.h', family: 'built', facilities: null, why: 'DirectX file format HRESULTs' },
  { file: 'dxva2api.h', family: 'built', facilities: null, why: 'DirectX Video Acceleration 2 HRESULTs' },
  {
    file: 'eaphosterror.h',
    family: 'built',
    facilities: null,
    plain: /^EAP_[EI]_/,
    why: 'EAPHost (802.1X authentication) HRESULTs',
  },
  { file: 'filterr.h', family: 'built', facilities: null, why: 'Indexing filter (IFilter) HRESULTs' },
  { file: 'fltwinerror.h', family: 'built', facilities: null, why: 'Filter Manager (minifilter) HRESULTs' },
  { file: 'fsrmerr.h', family: 'built', facilities: null, why: 'File Server Resource Manager HRESULTs' },
  { file: 'hidpi.h', family: 'built', facilities: null, why: 'HID parser (HIDP_STATUS_*) NTSTATUS values' },
  { file: 'hlink.h', family: 'built', facilities: null, why: 'Hyperlink navigation HRESULTs' },
  { file: 'intsafe.h', family: 'built', facilities: null, why: 'Integer overflow-checking helper HRESULTs' },
  { file: 'intshcut.h', family: 'built', facilities: null, why: 'Internet shortcut HRESULTs' },
  { file: 'mapicode.h', family: 'built', facilities: null, why: 'MAPI (Messaging API) HRESULTs' },
  {
    file: 'mdmsg.h',
    family: 'built',
    facilities: null,
    plain: /^MD_(ERROR|WARNING)_/,
    why: 'IIS metabase HRESULTs',
  },
  {
    file: 'mediaerr.h',
    family: 'built',
    facilities: null,
    plain: /^DMO_E_/,
    why: 'DirectX Media Objects (DMO_E_*) HRESULTs',
  },
  { file: 'mfapi.h', family: 'built', facilities: null, why: 'Media Foundation platform HRESULTs' },
  { file: 'mmdeviceapi.h', family: 'built', facilities: null, why: 'Multimedia device API HRESULTs' },
  { file: 'mmstream.h', family: 'built', facilities: null, why: 'Multimedia streaming HRESULTs' },
  { file: 'mobsync.h', family: 'built', facilities: null, why: 'Synchronization Manager HRESULTs' },
  { file: 'mq.h', family: 'built', facilities: null, why: 'Message Queuing (MSMQ) HRESULTs' },
  { file: 'msctf.h', family: 'built', facilities: null, why: 'Text Services Framework HRESULTs' },
  {
    file: 'msdaipper.h',
    family: 'built',
    facilities: null,
    plain: /^IPP_[ES]_/,
    why: 'OLE DB Internet Publishing provider HRESULTs',
  },
  {
    file: 'msoledbsql.h',
    family: 'built',
    facilities: null,
    why: 'Microsoft OLE DB Driver for SQL Server HRESULTs',
  },
  { file: 'msopc.h', family: 'built', facilities: null, why: 'Packaging API (OPC) HRESULTs' },
  { file: 'msxml2.h', family: 'built', facilities: null, plain: /^E_XML_/, why: 'MSXML parser HRESULTs' },
  { file: 'netcfgx.h', family: 'built', facilities: null, why: 'Network configuration HRESULTs' },
  { file: 'netcon.h', family: 'built', facilities: null, why: 'Network connections HRESULTs' },
  {
    file: 'ntdsbmsg.h',
    family: 'built',
    facilities: null,
    why: 'Active Directory backup and restore HRESULTs',
  },
  {
    file: 'ntiologc.h',
    family: 'built',
    facilities: null,
    why: 'I/O error log (IO_ERR_*) values, typed NTSTATUS',
  },
  { file: 'ocmm.h', family: 'built', facilities: null, plain: /^E_SURFACE_/, why: 'MSHTML surface HRESULTs' },
  { file: 'ole2.h', family: 'built', facilities: null, why: 'OLE HRESULTs' },
  { file: 'oledberr.h', family: 'built', facilities: null, why: 'OLE DB HRESULTs' },
  { file: 'olectl.h', family: 'built', facilities: null, why: 'OLE controls (CTL_E_*, CLASS_E_*) HRESULTs' },
  { file: 'p2p.h', family: 'built', facilities: null, why: 'Peer-to-peer networking HRESULTs' },
  {
    file: 'patchwiz.h',
    family: 'built',
    facilities: null,
    plain: /^ERROR_PCW_/,
    why: 'Windows Installer patch creation (ERROR_PCW_*) codes',
  },
  {
    file: 'prntvpt.h',
    family: 'built',
    facilities: null,
    plain: /^E_(PRINT|DELTA)/,
    why: 'Print ticket and print capabilities HRESULTs',
  },
  { file: 'pstore.h', family: 'built', facilities: null, why: 'Protected Storage HRESULTs' },
  {
    file: 'qmgr.h',
    family: 'built',
    facilities: null,
    plain: /^QM_E_/,
    why: 'Background transfer queue manager (QM_E_*) HRESULTs',
  },
  {
    file: 'ratings.h',
    family: 'built',
    facilities: null,
    plain: /^E_RATING/,
    why: 'Content Advisor ratings HRESULTs',
  },
  { file: 'reconcil.h', family: 'built', facilities: null, why: 'Briefcase reconciliation HRESULTs' },
  { file: 'rtcerr.h', family: 'built', facilities: null, why: 'Real-time communications (RTC) HRESULTs' },
  { file: 'rtworkq.h', family: 'built', facilities: null, why: 'Real-time work queue HRESULTs' },
  { file: 'sperror.h', family: 'built', facilities: null, why: 'Speech API (SAPI) HRESULTs' },
  {
    file: 'spatialaudioclient.h',
    family: 'built',
    facilities: null,
    uses: ['audioclient.h'],
    why: 'Spatial audio HRESULTs',
  },
  { file: 'stierr.h', family: 'built', facilities: null, why: 'Still image (STI/WIA) HRESULTs' },
  { file: 'strsafe.h', family: 'built', facilities: null, why: 'Safe string function HRESULTs' },
  { file: 'subauth.h', family: 'built', facilities: null, why: 'Subauthentication package NTSTATUS values' },
  { file: 'subsmgr.h', family: 'built', facilities: null, why: 'Subscription manager HRESULTs' },
  { file: 'tapi3err.h', family: 'built', facilities: null, why: 'TAPI 3 telephony HRESULTs' },
  { file: 'textserv.h', family: 'built', facilities: null, why: 'Rich edit text services HRESULTs' },
  { file: 'textstor.h', family: 'built', facilities: null, why: 'Text store (TSF) HRESULTs' },
  { file: 'thumbcache.h', family: 'built', facilities: null, why: 'Thumbnail cache HRESULTs' },
  {
    file: 'triedit.h',
    family: 'built',
    facilities: null,
    plain: /^E_FILTER_/,
    why: 'Trident editing filter HRESULTs',
  },
  {
    file: 'tsvirtualchannels.h',
    family: 'built',
    facilities: null,
    why: 'Remote Desktop virtual channel HRESULTs',
  },
  {
    file: 'uiautomationcoreapi.h',
    family: 'built',
    facilities: null,
    plain: /^UIA_E_/,
    why: 'UI Automation HRESULTs',
  },
  { file: 'urlmon.h', family: 'built', facilities: null, why: 'URL moniker (INET_E_*) HRESULTs' },
  { file: 'usp10.h', family: 'built', facilities: null, why: 'Uniscribe HRESULTs' },
  { file: 'vfw.h', family: 'built', facilities: null, why: 'Video for Windows (AVIERR_*) HRESULTs' },
  { file: 'vfwmsgs.h', family: 'built', facilities: null, why: 'DirectShow (VFW_E_*, VFW_S_*) HRESULTs' },
  { file: 'wabcode.h', family: 'built', facilities: null, why: 'Windows Address Book HRESULTs' },
  { file: 'wiadef.h', family: 'built', facilities: null, why: 'Windows Image Acquisition HRESULTs' },
  { file: 'wincred.h', family: 'built', facilities: null, why: 'Credentials management NTSTATUS values' },
  { file: 'xaudio2.h', family: 'built', facilities: null, why: 'XAudio2 HRESULTs' },
  { file: 'xpsobjectmodel.h', family: 'built', facilities: null, why: 'XPS document API HRESULTs' },
  { file: 'xpsdigitalsignature.h', family: 'built', facilities: null, why: 'XPS digital signature HRESULTs' },
  {
    file: 'cdoexerr.h',
    family: 'built',
    facilities: null,
    plain: /^CDO_E_/,
    why: 'Collaboration Data Objects for Exchange HRESULTs',
  },
  {
    file: 'cdosyserr.h',
    family: 'built',
    facilities: null,
    plain: /^CDO_E_/,
    why: 'Collaboration Data Objects for Windows HRESULTs',
  },
  { file: 'comsvcs.h', family: 'built', facilities: null, plain: /^MTXDM_E_/, why: 'COM+ services HRESULTs' },
  {
    file: 'activscp.h',
    family: 'built',
    facilities: null,
    plain: /^SCRIPT_E_/,
    why: 'Active Scripting HRESULTs',
  },
  {
    file: 'cfgmgr32.h',
    family: 'configret',
    facilities: null,
    select: /^CR_/,
    why: 'Configuration Manager (CM_* device API) return values, CONFIGRET',
  },
  {
    file: 'cfg.h',
    family: 'cmprob',
    facilities: null,
    select: /^CM_PROB_/,
    why: 'Device problem codes that Device Manager shows as "Code N"',
  },
  {
    file: 'mmsystem.h',
    family: 'mmresult',
    facilities: null,
    select: /^(MMSYSERR|WAVERR|MIDIERR|TIMERR|JOYERR|MIXERR|MCIERR)_/,
    families: [[/^MCIERR_/, 'mcierror']],
    notCodes: {
      MMSYSERR_LASTERROR: 'end of the MMSYSERR range',
      WAVERR_LASTERROR: 'end of the WAVERR range',
      MIDIERR_LASTERROR: 'end of the MIDIERR range',
      MIXERR_LASTERROR: 'end of the MIXERR range',
      MCIERR_CUSTOM_DRIVER_BASE: 'base of the MCI driver-specific range',
    },
    why: 'Multimedia (waveOut, midiOut, mixer, timer, joystick) MMRESULT values and MCI errors',
  },
  {
    file: 'msacm.h',
    family: 'mmresult',
    facilities: null,
    select: /^ACMERR_/,
    why: 'Audio Compression Manager MMRESULT values',
  },
  {
    file: 'digitalv.h',
    family: 'mcierror',
    facilities: null,
    select: /^MCIERR_/,
    uses: ['mmsystem.h'],
    why: 'MCI digital video driver errors',
  },
  {
    file: 'mciavi.h',
    family: 'mcierror',
    facilities: null,
    select: /^MCIERR_/,
    uses: ['mmsystem.h'],
    why: 'MCI AVI driver errors',
  },
  {
    file: 'vcr.h',
    family: 'mcierror',
    facilities: null,
    select: /^MCIERR_/,
    uses: ['mmsystem.h'],
    why: 'MCI VCR driver errors',
  },
  {
    file: 'esent.h',
    family: 'jet',
    facilities: null,
    select: /^JET_(err|wrn)/,
    why: 'Extensible Storage Engine (ESE, "Jet Blue") errors and warnings',
  },
  {
    file: 'pdhmsg.h',
    family: 'pdh',
    facilities: null,
    select: /^PDH_/,
    why: 'Performance Data Helper (PDH) status values',
  },
  {
    file: 'winineti.h',
    family: 'win32',
    facilities: null,
    select: /^ERROR_/,
    uses: ['wininet.h'],
    why: 'WinINet internal 12xxx errors',
  },
];

/**
 * Where a symbol used in a value is looked up: the header itself first, then these, in order (e.g.
 * setupapi.h uses APPLICATION_ERROR_MASK and ERROR_SEVERITY_ERROR from winnt.h).
 */
export const RESOLUTION_FALLBACK: readonly string[] = ['winerror.h', 'winnt.h'];

/** Every header the Windows catalogs read. */
export const REQUIRED_HEADERS: readonly string[] = [
  ...new Set([...HEADER_SPECS.flatMap((s) => [s.file, ...(s.uses ?? [])]), ...RESOLUTION_FALLBACK]),
];

/**
 * Code defines that are known not to evaluate, each with the reason. Matched by header and symbol.
 * An entry that no longer matches anything is itself an error, so this list cannot go stale.
 */
export const IGNORED_DEFINES: ReadonlyArray<IgnoredDefine> = [];

export interface IgnoredDefine {
  header: string;
  symbol: string;
  reason: string;
}

/** Everything {@link buildWindowsCatalogs} is configured by; tests pass small ones. */
export interface WindowsConfig {
  specs: readonly HeaderSpec[];
  fallback: readonly string[];
  ignores: readonly IgnoredDefine[];
}

export const DEFAULT_WINDOWS_CONFIG: WindowsConfig = {
  specs: HEADER_SPECS,
  fallback: RESOLUTION_FALLBACK,
  ignores: IGNORED_DEFINES,
};

/** Symbols whose family the rules above would get wrong, with the reason. */
export const FAMILY_OVERRIDES: Readonly<Record<string, { family: Family; reason: string }>> = {
  NOERROR: { family: 'hresult', reason: 'OLE alias of S_OK, defined as a bare 0 in winerror.h' },
  SCARD_S_SUCCESS: {
    family: 'hresult',
    reason: 'success value of the SCARD_E_*/SCARD_W_* HRESULT family, defined as NO_ERROR',
  },
  NTE_OP_OK: {
    family: 'hresult',
    reason: 'success value of the NTE_* CryptoAPI HRESULT family, defined as a bare 0',
  },
  TBS_SUCCESS: { family: 'hresult', reason: 'success value of the TBS_E_* HRESULT family, defined as 0U' },
};

export interface WindowsEntry {
  symbol: string;
  value: number;
  family: Family;
  catalog: string;
  header: string;
  line: number;
  alsoIn?: Array<{ header: string; line: number }>;
}

export interface Facility {
  name: string;
  value: number;
  family: 'hresult' | 'ntstatus';
  header: string;
  line: number;
}

export interface HeaderRecord {
  path: string;
  sha256: string;
  lines: number;
  catalog: string;
  why: string;
  licence: LicenceId;
  licenceNote: string;
  selection: string;
  /** Number of code definitions read from this header. */
  codes: number;
  facilities: number;
  /** Definitions not taken as codes, by reason. */
  skipped: Record<string, number>;
  /** The symbols skipped as range markers, so that none is dropped unseen. */
  markers: string[];
  /** `built` headers: the code-position symbols whose definitions are not integer values. */
  unevaluated?: string[];
}

export class CatalogProblems extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'CatalogProblems';
  }
}

export interface HeaderInput {
  /** Text of the header. */
  text: string;
  /** sha256 (hex) of the header bytes. */
  sha256: string;
}

export interface WindowsInput {
  /** Path of the headers inside the package, e.g. `usr/share/mingw-w64/include`. */
  includeDir: string;
  /** Upstream source directory the DEP-5 `Files:` patterns use for these headers. */
  upstreamDir: string;
  /** By file name: every catalog header and support header. */
  headers: ReadonlyMap<string, HeaderInput>;
  copyright: Dep5Stanza[];
  /** Decides a header's licence instead of its banner and `copyright` (sources that are not a Debian package). */
  licenceOf?: (file: string, text: string) => { licence: LicenceId; note: string };
}

export interface WindowsOutput {
  headers: Array<[string, HeaderRecord]>;
  facilities: Facility[];
  entries: WindowsEntry[];
}

type Classification = { kind: 'code' } | { kind: 'facility' } | { kind: 'skip'; reason: string };

const RANGE_MARKER = 'range marker';
const UNEVALUATED =
  'not an integer value (string, GUID, type or macro this reader does not expand; listed in "unevaluated")';
const NOT_BUILT = 'not built as an HRESULT or NTSTATUS (API constant: flag, size, identifier)';
const MARKER_RE = /(_BASE|_FIRST|_LAST|_MIN|_MAX)$|^(MAX|MIN)_/;

export function classifyDefine(spec: HeaderSpec, d: Define): Classification {
  if (d.params !== null) return { kind: 'skip', reason: 'function-like macro' };
  if (d.body === '') return { kind: 'skip', reason: 'empty (include guard or feature flag)' };
  const why = spec.notCodes?.[d.name];
  if (why) return { kind: 'skip', reason: `not a code: ${why}` };
  if (d.name.startsWith('_'))
    return { kind: 'skip', reason: 'reserved identifier (guard or internal helper)' };
  if (d.name.startsWith('FACILITY_')) {
    return spec.facilities
      ? { kind: 'facility' }
      : { kind: 'skip', reason: 'facility constant (published from winerror.h/ntstatus.h only)' };
  }
  if (/^(STATUS_|ERROR_)?SEVERITY_/.test(d.name)) return { kind: 'skip', reason: 'severity constant' };
  if (spec.select && !spec.select.test(d.name))
    return { kind: 'skip', reason: `not selected (${spec.select.source})` };
  if (MARKER_RE.test(d.name) && !spec.codesDespiteName?.[d.name])
    return { kind: 'skip', reason: RANGE_MARKER };
  return { kind: 'code' };
}

/** Lazily evaluates symbols across headers, with cycle detection and per-header scoping. */
export class SymbolTable {
  private readonly defs = new Map<string, Map<string, Define[]>>();
  private readonly macros = new Map<string, Map<string, Define>>();
  private readonly uses = new Map<string, readonly string[]>();
  private readonly cache = new Map<string, Evaluated>();
  private readonly active = new Set<string>();

  constructor(private readonly fallback: readonly string[] = RESOLUTION_FALLBACK) {}

  /** Headers `file`'s definitions use, searched after it and before the fallbacks. */
  setUses(file: string, uses: readonly string[]): void {
    this.uses.set(file, uses);
  }

  private scope(header: string): string[] {
    return [header, ...(this.uses.get(header) ?? []), ...this.fallback];
  }

  addHeader(file: string, defines: Define[]): void {
    const byName = new Map<string, Define[]>();
    const macros = new Map<string, Define>();
    this.macros.set(file, macros);
    for (const d of defines) {
      if (d.params !== null && d.body !== '') {
        if (!macros.has(d.name)) macros.set(d.name, d);
        continue;
      }
      if (d.params !== null || d.body === '') continue;
      const list = byName.get(d.name);
      if (list) list.push(d);
      else byName.set(d.name, [d]);
    }
    this.defs.set(file, byName);
  }

  /** Evaluates one definition (of `header`), resolving references from that header. */
  evaluate(header: string, d: Define): Evaluated {
    const key = `${header}\u0000${d.line}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.active.has(key))
      throw new SourceError(header, d.line, `${d.name} is defined in terms of itself`);
    this.active.add(key);
    try {
      const v = evaluateDefine(d, header, this.envFor(header));
      this.cache.set(key, v);
      return v;
    } finally {
      this.active.delete(key);
    }
  }

  /** The environment used to evaluate values written in `header`. */
  envFor(header: string): EvalEnv {
    return {
      macro: (name) => {
        for (const file of this.scope(header)) {
          const m = this.macros.get(file)?.get(name);
          if (m) return m;
        }
        return undefined;
      },
      lookup: (name) => {
        for (const file of this.scope(header)) {
          const list = this.defs.get(file)?.get(name);
          if (!list || list.length === 0) continue;
          const values = list.map((d) => {
            try {
              return this.evaluate(file, d);
            } catch (e) {
              if (e instanceof SourceError)
                throw new EvalError(`${name} (${e.file}:${e.line}) cannot be evaluated`);
              throw e;
            }
          });
          const distinct = new Set(values.map((v) => v.value));
          if (distinct.size > 1) {
            throw new EvalError(
              `${name} has conflicting definitions in ${file} (lines ${list.map((d) => d.line).join(', ')})`,
            );
          }
          return values[0];
        }
        return undefined;
      },
    };
  }
}

function deriveFamily(symbol: string, v: Evaluated): Family {
  const override = FAMILY_OVERRIDES[symbol];
  if (override) return override.family;
  if (v.tags.has('hresult')) return 'hresult';
  if (v.value > 0xffff) return 'hresult';
  return 'win32';
}

/** A `built` header's code family, or null when the value is an API constant. */
function builtFamily(spec: HeaderSpec, symbol: string, v: Evaluated): Family | null {
  if (v.tags.has('hresult')) return 'hresult';
  if (v.tags.has('ntstatus')) return 'ntstatus';
  // A bare number is an HRESULT when it has the severity bit, or is a named success value.
  if (spec.plain?.test(symbol) && (v.value >= 0x8000_0000 || /_S_/.test(symbol))) return 'hresult';
  return null;
}

const LGPL_RE = /^LGPL/;

const familyRank = (f: Family): number => FAMILIES.indexOf(f);

/** Deterministic entry order: family, value, symbol, then place. */
export function compareEntries(a: WindowsEntry, b: WindowsEntry): number {
  return (
    familyRank(a.family) - familyRank(b.family) ||
    a.value - b.value ||
    (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) ||
    (a.header < b.header ? -1 : a.header > b.header ? 1 : 0) ||
    a.line - b.line
  );
}

export interface WindowsBuild {
  /** Non-LGPL headers' entries (windows.json). */
  main: WindowsOutput;
  /** LGPL headers' entries (windows-lgpl.json). */
  lgpl: WindowsOutput;
  /** Licence of each catalog header. */
  licences: Map<string, { licence: LicenceId; note: string }>;
}

export function buildWindowsCatalogs(
  input: WindowsInput,
  config: WindowsConfig = DEFAULT_WINDOWS_CONFIG,
): WindowsBuild {
  const { specs, ignores } = config;
  const problems: string[] = [];
  const table = new SymbolTable(config.fallback);
  const parsed = new Map<string, Define[]>();
  for (const file of new Set([...specs.flatMap((s) => [s.file, ...(s.uses ?? [])]), ...config.fallback])) {
    const h = input.headers.get(file);
    if (!h) {
      problems.push(`${input.includeDir}/${file}: missing from the package`);
      continue;
    }
    try {
      const defines = parseDefines(h.text, file);
      parsed.set(file, defines);
      table.addHeader(file, defines);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (problems.length) throw new CatalogProblems(problems);
  for (const spec of specs) if (spec.uses) table.setUses(spec.file, spec.uses);

  const usedIgnores = new Set<string>();
  const licences = new Map<string, { licence: LicenceId; note: string }>();
  const records = new Map<string, HeaderRecord>();
  const facilities: Array<Facility & { lgpl: boolean }> = [];
  interface Site {
    header: string;
    catalog: string;
    line: number;
    family: Family;
    lgpl: boolean;
    order: number;
  }
  const sites = new Map<string, Site[]>(); // key: symbol + value

  specs.forEach((spec, order) => {
    const h = input.headers.get(spec.file)!;
    const catalog = spec.file.replace(/\.h$/, '');
    let lic: { licence: LicenceId; note: string };
    try {
      lic = input.licenceOf
        ? input.licenceOf(spec.file, h.text)
        : resolveHeaderLicence(spec.file, `${input.upstreamDir}/${spec.file}`, input.copyright, h.text);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
      lic = { licence: 'unknown', note: '' };
    }
    licences.set(spec.file, lic);
    const lgpl = LGPL_RE.test(lic.licence);
    const skipped: Record<string, number> = {};
    const markers: string[] = [];
    const unevaluated: string[] = [];
    let codes = 0;
    let facilityCount = 0;
    const seenInHeader = new Map<string, { value: number; line: number }>();

    for (const d of parsed.get(spec.file)!) {
      const c = classifyDefine(spec, d);
      if (c.kind === 'skip') {
        skipped[c.reason] = (skipped[c.reason] ?? 0) + 1;
        if (c.reason === RANGE_MARKER) markers.push(d.name);
        continue;
      }
      let v: Evaluated;
      try {
        v = table.evaluate(spec.file, d);
      } catch (e) {
        if (spec.family === 'built' && c.kind === 'code') {
          // Mixed headers define strings, GUIDs, types and API flags too: not values, listed by name.
          skipped[UNEVALUATED] = (skipped[UNEVALUATED] ?? 0) + 1;
          unevaluated.push(d.name);
          continue;
        }
        const ignore = ignores.find((i) => i.header === spec.file && i.symbol === d.name);
        if (ignore) {
          usedIgnores.add(`${ignore.header}\u0000${ignore.symbol}`);
          const reason = `ignored (could not evaluate): ${ignore.reason}`;
          skipped[reason] = (skipped[reason] ?? 0) + 1;
          continue;
        }
        problems.push(e instanceof Error ? e.message : String(e));
        continue;
      }
      if (spec.family === 'built' && builtFamily(spec, d.name, v) === null) {
        skipped[NOT_BUILT] = (skipped[NOT_BUILT] ?? 0) + 1;
        continue;
      }
      const prev = seenInHeader.get(d.name);
      if (prev && prev.value !== v.value && spec.redefinedElsewhere?.[d.name]) {
        const reason = `redefined for another platform: ${spec.redefinedElsewhere[d.name]}`;
        skipped[reason] = (skipped[reason] ?? 0) + 1;
        continue;
      }
      if (prev && prev.value !== v.value) {
        problems.push(
          `${spec.file}:${d.line}: ${d.name} redefined with a different value (0x${v.value.toString(16)}; line ${prev.line} gives 0x${prev.value.toString(16)})`,
        );
        continue;
      }
      if (prev) {
        const reason = 'repeated definition with the same value';
        skipped[reason] = (skipped[reason] ?? 0) + 1;
        continue;
      }
      seenInHeader.set(d.name, { value: v.value, line: d.line });

      if (c.kind === 'facility') {
        facilityCount++;
        facilities.push({
          name: d.name,
          value: v.value,
          family: spec.facilities!,
          header: spec.file,
          line: d.line,
          lgpl,
        });
        continue;
      }
      const family =
        spec.family === 'derive'
          ? deriveFamily(d.name, v)
          : spec.family === 'built'
            ? builtFamily(spec, d.name, v)
            : (spec.families?.find(([re]) => re.test(d.name))?.[1] ?? spec.family);
      if (family === null) {
        skipped[NOT_BUILT] = (skipped[NOT_BUILT] ?? 0) + 1;
        continue;
      }
      codes++;
      if (family === 'win32' && v.value > 0xffff && !spec.largeWin32) {
        problems.push(
          `${spec.file}:${d.line}: ${d.name} = 0x${v.value.toString(16)} is too large for a Win32 error code`,
        );
        continue;
      }
      const key = `${d.name}\u0000${v.value}`;
      const list = sites.get(key) ?? [];
      list.push({ header: spec.file, catalog, line: d.line, family, lgpl, order });
      sites.set(key, list);
    }
    const lines = h.text.split('\n').length - (h.text.endsWith('\n') ? 1 : 0);
    records.set(spec.file, {
      path: `${input.includeDir}/${spec.file}`,
      sha256: h.sha256,
      lines,
      catalog,
      why: spec.why,
      licence: lic.licence,
      licenceNote: lic.note,
      selection: spec.select ? `symbols matching /${spec.select.source}/` : 'all code definitions',
      codes,
      facilities: facilityCount,
      skipped: Object.fromEntries(Object.entries(skipped).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      markers,
      ...(spec.family === 'built' ? { unevaluated } : {}),
    });
  });

  for (const i of ignores) {
    if (!usedIgnores.has(`${i.header}\u0000${i.symbol}`)) {
      problems.push(`IGNORED_DEFINES entry ${i.header} ${i.symbol} matches nothing that fails; remove it`);
    }
  }
  if (problems.length) throw new CatalogProblems(problems);

  const main: WindowsEntry[] = [];
  const lgplEntries: WindowsEntry[] = [];
  for (const [key, list] of sites) {
    const symbol = key.slice(0, key.indexOf('\u0000'));
    const value = Number(key.slice(key.indexOf('\u0000') + 1));
    const ordered = [...list].sort(
      (a, b) => Number(a.lgpl) - Number(b.lgpl) || a.order - b.order || a.line - b.line,
    );
    const first = ordered[0]!;
    const entry: WindowsEntry = {
      symbol,
      value,
      family: first.family,
      catalog: first.catalog,
      header: first.header,
      line: first.line,
    };
    if (ordered.length > 1) entry.alsoIn = ordered.slice(1).map((s) => ({ header: s.header, line: s.line }));
    (first.lgpl ? lgplEntries : main).push(entry);
  }
  main.sort(compareEntries);
  lgplEntries.sort(compareEntries);

  const facilityOrder = (a: Facility, b: Facility): number =>
    (a.family < b.family ? -1 : a.family > b.family ? 1 : 0) ||
    a.value - b.value ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const strip = ({ lgpl: _lgpl, ...f }: Facility & { lgpl: boolean }): Facility => f;

  const headerList = (lgpl: boolean): Array<[string, HeaderRecord]> =>
    specs
      .filter((s) => LGPL_RE.test(licences.get(s.file)!.licence) === lgpl)
      .map((s) => [s.file, records.get(s.file)!]);

  return {
    main: {
      headers: headerList(false),
      facilities: facilities
        .filter((f) => !f.lgpl)
        .map(strip)
        .sort(facilityOrder),
      entries: main,
    },
    lgpl: {
      headers: headerList(true),
      facilities: facilities
        .filter((f) => f.lgpl)
        .map(strip)
        .sort(facilityOrder),
      entries: lgplEntries,
    },
    licences,
  };
}
