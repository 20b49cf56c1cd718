import { describe, expect, it } from 'vitest';
import { ACRONYMS, TOKEN_WORDS } from './abbreviations.ts';
import { PREFIX_RULES } from './prefix-rules.ts';
import { readableTitle } from './titles.ts';

describe('readableTitle', () => {
  it.each([
    ['WU_E_PT_SOAPCLIENT_SOAPFAULT', 'Windows Update protocol: SOAP client fault'],
    ['WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS', 'Windows Update protocol: exceeded maximum server trips'],
    ['WU_E_DM_INCORRECTFILEHASH', 'Windows Update download manager: incorrect file hash'],
    ['WU_E_NO_UPDATE', 'Windows Update: no update'],
    ['ERROR_ACCESS_DENIED', 'Access denied'],
    ['E_ACCESSDENIED', 'Access denied'],
    ['E_INVALIDARG', 'Invalid argument'],
    ['E_NOINTERFACE', 'No interface'],
    ['E_OUTOFMEMORY', 'Out of memory'],
    ['S_OK', 'Success, no error'],
    ['E_HANDLE', 'Invalid handle'],
    ['ERROR_CRC', 'Data error (cyclic redundancy check)'],
    ['CR_NO_SUCH_DEVNODE', 'Configuration Manager: no such devnode'],
    ['JET_errReadVerifyFailure', 'ESE database error: read verify failure'],
    ['ERR_CONNECTION_REFUSED', 'Connection refused'],
    ['STATUS_ACCESS_VIOLATION', 'Access violation'],
    ['ERROR_INTERNET_TIMEOUT', 'Internet: timeout'],
    ['ERROR_WINHTTP_TIMEOUT', 'WinHTTP: timeout'],
    ['CRITICAL_PROCESS_DIED', 'Critical process died'],
    ['NERR_UserNotFound', 'Network: user not found'],
    ['NERR_DCNotFound', 'Network: domain controller not found'],
    ['WSAECONNRESET', 'Winsock: connection reset'],
    ['WSAHOST_NOT_FOUND', 'Winsock: host not found'],
    ['WSA_IO_PENDING', 'Winsock: I/O pending'],
    ['CO_E_SERVER_EXEC_FAILURE', 'COM: server exec failure'],
    ['RPC_S_SERVER_UNAVAILABLE', 'RPC: server unavailable'],
    ['SPAPI_E_NO_DRIVER_SELECTED', 'Setup API: no driver selected'],
    ['CERT_E_UNTRUSTEDROOT', 'Certificate: untrusted root'],
    ['TRUST_E_NOSIGNATURE', 'Trust: no signature'],
    ['CBS_E_SOURCE_MISSING', 'Component-based servicing: source missing'],
    ['DRIVER_IRQL_NOT_LESS_OR_EQUAL', 'Driver IRQL not less or equal'],
    ['PAGE_FAULT_IN_NONPAGED_AREA', 'Page fault in non-paged area'],
    [
      'WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ',
      'Windows Update protocol: HTTP status proxy authentication required',
    ],
    ['ERROR_MOD_NOT_FOUND', 'Module not found'],
    ['ERROR_INTERNET_SEC_CERT_DATE_INVALID', 'Internet: security certificate date invalid'],
    ['STG_E_FILENOTFOUND', 'Storage: file not found'],
    ['PLA_E_DCS_NOT_FOUND', 'PLA: dcs not found'],
    ['wu_e_pt_soapclient_soapfault', 'Windows Update protocol: SOAP client fault'],
  ])('%s reads "%s"', (symbol, title) => {
    expect(readableTitle(symbol)).toBe(title);
  });

  it('prefers the longest matching prefix', () => {
    expect(readableTitle('WU_E_PT_SUS_SERVER_NOT_SET')).toBe('Windows Update protocol: SUS server not set');
    expect(readableTitle('ERROR_HTTP_HEADER_NOT_FOUND')).toBe('HTTP: header not found');
  });

  it('returns the label alone when nothing follows the prefix', () => {
    expect(readableTitle('ERROR_')).toBe('Error');
    expect(readableTitle('')).toBe('');
  });
});

// Representative names from winerror.h, wuerror.h, ntstatus.h, lmerr.h, bugcodes.h and friends.
const REAL_SYMBOLS = [
  'ERROR_FILE_NOT_FOUND',
  'ERROR_PATH_NOT_FOUND',
  'ERROR_INVALID_HANDLE',
  'ERROR_NOT_ENOUGH_MEMORY',
  'ERROR_INVALID_PARAMETER',
  'ERROR_INSUFFICIENT_BUFFER',
  'ERROR_MOD_NOT_FOUND',
  'ERROR_PROC_NOT_FOUND',
  'ERROR_ALREADY_EXISTS',
  'ERROR_SERVICE_DOES_NOT_EXIST',
  'ERROR_INSTALL_FAILURE',
  'ERROR_CANCELLED',
  'ERROR_TIMEOUT',
  'ERROR_NO_LOGON_SERVERS',
  'ERROR_INTERNET_NAME_NOT_RESOLVED',
  'ERROR_INTERNET_CANNOT_CONNECT',
  'ERROR_INTERNET_SEC_CERT_DATE_INVALID',
  'ERROR_WINHTTP_NAME_NOT_RESOLVED',
  'ERROR_WINHTTP_SECURE_FAILURE',
  'ERROR_DS_DRA_ACCESS_DENIED',
  'ERROR_SXS_ASSEMBLY_NOT_FOUND',
  'E_FAIL',
  'E_NOTIMPL',
  'E_POINTER',
  'E_UNEXPECTED',
  'E_ABORT',
  'E_HANDLE',
  'S_FALSE',
  'CO_E_NOTINITIALIZED',
  'CO_E_CLASSSTRING',
  'REGDB_E_CLASSNOTREG',
  'CLASS_E_NOAGGREGATION',
  'RPC_E_DISCONNECTED',
  'RPC_E_CALL_REJECTED',
  'RPC_S_CALL_FAILED',
  'DISP_E_EXCEPTION',
  'STG_E_FILENOTFOUND',
  'TYPE_E_LIBNOTREGISTERED',
  'WU_E_NO_SERVICE',
  'WU_E_INSTALL_NOT_ALLOWED',
  'WU_E_NOT_INITIALIZED',
  'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED',
  'WU_E_PT_HTTP_STATUS_NOT_FOUND',
  'WU_E_PT_ENDPOINT_UNREACHABLE',
  'WU_E_DM_URLNOTAVAILABLE',
  'WU_E_DM_NOTDOWNLOADED',
  'WU_E_DS_INVALIDTABLENAME',
  'WU_E_DS_SESSIONLOCKMISMATCH',
  'WU_E_AU_NOSERVICE',
  'WU_E_UH_INSTALLERHUNG',
  'WU_E_SETUP_REBOOTREQUIRED',
  'WU_E_EULAS_DECLINED',
  'WU_E_SELFUPDATE_IN_PROGRESS',
  'STATUS_INVALID_PARAMETER',
  'STATUS_OBJECT_NAME_NOT_FOUND',
  'STATUS_DLL_NOT_FOUND',
  'STATUS_STACK_BUFFER_OVERRUN',
  'STATUS_IN_PAGE_ERROR',
  'DBG_CONTINUE',
  'NERR_NetNameNotFound',
  'NERR_BadPassword',
  'WSAETIMEDOUT',
  'WSAECONNREFUSED',
  'WSANOTINITIALISED',
  'WSAEADDRINUSE',
  'CERT_E_EXPIRED',
  'CERT_E_CN_NO_MATCH',
  'CRYPT_E_REVOKED',
  'TRUST_E_BAD_DIGEST',
  'NTE_BAD_KEYSET',
  'SEC_E_INVALID_TOKEN',
  'SEC_E_UNTRUSTED_ROOT',
  'SCARD_E_NO_SMARTCARD',
  'TPM_E_DEACTIVATED',
  'FVE_E_LOCKED_VOLUME',
  'SPAPI_E_NO_ASSOCIATED_SERVICE',
  'CBS_E_STORE_CORRUPTION',
  'BG_E_NETWORK_DISCONNECTED',
  'DXGI_ERROR_DEVICE_REMOVED',
  'IRQL_NOT_LESS_OR_EQUAL',
  'KMODE_EXCEPTION_NOT_HANDLED',
  'SYSTEM_SERVICE_EXCEPTION',
  'INACCESSIBLE_BOOT_DEVICE',
  'DPC_WATCHDOG_VIOLATION',
  'WHEA_UNCORRECTABLE_ERROR',
  'VIDEO_TDR_FAILURE',
  'NTFS_FILE_SYSTEM',
  'KERNEL_DATA_INPAGE_ERROR',
  'ATTEMPTED_WRITE_TO_READONLY_MEMORY',
  'HAL_INITIALIZATION_FAILED',
  'PFN_LIST_CORRUPT',
  'APC_INDEX_MISMATCH',
];

// Words allowed a capital after the first: acronyms, and the proper nouns the vocabulary itself spells.
const PROPER_WORDS = new Set<string>([
  ...ACRONYMS,
  ...[...Object.values(TOKEN_WORDS), ...PREFIX_RULES.map((r) => r.label)]
    .flatMap((words) => words.split(' '))
    .filter((word) => /[A-Z]/.test(word)),
]);

describe('readableTitle over real symbols', () => {
  it('covers a broad sample', () => {
    expect(REAL_SYMBOLS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(REAL_SYMBOLS)('%s gives a clean sentence-case title', (symbol) => {
    const title = readableTitle(symbol);
    expect(title).not.toBe('');
    expect(title).toMatch(/^[A-Z]/);
    expect(title).not.toContain('_');
    expect(title).not.toMatch(/\s{2}/);
    expect(title).toBe(title.trim());
    for (const word of title.split(' ').slice(1)) {
      const bare = word.replace(/:$/, '');
      if (/[A-Z]/.test(bare) && !/\d/.test(bare)) {
        expect(PROPER_WORDS, `"${bare}" in "${title}"`).toContain(bare);
      }
    }
  });
});
