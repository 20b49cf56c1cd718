/**
 * The reviewed vocabulary that turns symbolic names (WU_E_PT_SOAPCLIENT_SOAPFAULT) into plain English.
 * Three tables: prefixes that name the component, tokens that expand, and acronyms kept in capitals.
 * Add to them when a title reads badly; titles.test.ts pins the examples that must keep reading well.
 */

/** A symbol prefix and the component it names; an empty label means the prefix says nothing useful. */
export interface PrefixRule {
  prefix: string;
  label: string;
}

/**
 * Symbol prefixes, by header. Longer prefixes win over shorter ones (WU_E_PT_ before WU_E_), whatever
 * their order here. Unknown FOO_E_/FOO_S_/FOO_W_/FOO_I_ prefixes fall back to FOO, expanded as a token.
 */
export const PREFIX_RULES: readonly PrefixRule[] = [
  // winerror.h: plain Win32 errors, generic COM results and success codes.
  { prefix: 'ERROR_', label: '' },
  { prefix: 'E_', label: '' },
  { prefix: 'S_', label: '' },
  // ntstatus.h; DBG_ codes are the debugger's continue/exception replies.
  { prefix: 'STATUS_', label: '' },
  { prefix: 'DBG_', label: 'Debugger' },
  { prefix: 'RPC_NT_', label: 'RPC' },
  // Win32 errors grouped by component in winerror.h and wininet.h.
  { prefix: 'ERROR_INTERNET_', label: 'Internet' },
  { prefix: 'ERROR_HTTP_', label: 'HTTP' },
  { prefix: 'ERROR_FTP_', label: 'FTP' },
  { prefix: 'ERROR_WINHTTP_', label: 'WinHTTP' },
  { prefix: 'ERROR_DS_', label: 'Directory service' },
  { prefix: 'ERROR_SXS_', label: 'Side-by-side' },
  { prefix: 'ERROR_IPSEC_', label: 'IPsec' },
  { prefix: 'ERROR_WMI_', label: 'WMI' },
  { prefix: 'ERROR_GRAPHICS_', label: 'Graphics' },
  { prefix: 'ERROR_CTX_', label: 'Remote Desktop' }, // CTX: Terminal Services, once Citrix code
  { prefix: 'ERROR_EVT_', label: 'Event log' },
  { prefix: 'DNS_ERROR_', label: 'DNS' },
  { prefix: 'DNS_INFO_', label: 'DNS' },
  // wuerror.h: Windows Update Agent, by subcomponent.
  { prefix: 'WU_E_', label: 'Windows Update' },
  { prefix: 'WU_S_', label: 'Windows Update' },
  { prefix: 'WU_E_PT_', label: 'Windows Update protocol' }, // PT: the protocol talker, client-server SOAP
  { prefix: 'WU_E_DM_', label: 'Windows Update download manager' },
  { prefix: 'WU_E_DS_', label: 'Windows Update data store' },
  { prefix: 'WU_E_AU_', label: 'Automatic Updates' },
  { prefix: 'WU_E_UH_', label: 'Windows Update handler' }, // UH: update handler (installs one update type)
  { prefix: 'WU_E_DRV_', label: 'Windows Update driver' },
  { prefix: 'WU_E_SETUP_', label: 'Windows Update setup' },
  { prefix: 'WU_E_EE_', label: 'Windows Update expression evaluator' }, // evaluates applicability rules
  { prefix: 'WU_E_INVENTORY_', label: 'Windows Update inventory' },
  { prefix: 'WU_E_REPORTER_', label: 'Windows Update reporter' },
  // COM and OLE (winerror.h).
  { prefix: 'CO_E_', label: 'COM' },
  { prefix: 'CO_S_', label: 'COM' },
  { prefix: 'RPC_S_', label: 'RPC' },
  { prefix: 'RPC_E_', label: 'RPC' },
  { prefix: 'RPC_X_', label: 'RPC' },
  { prefix: 'EPT_S_', label: 'RPC endpoint mapper' },
  { prefix: 'OLE_E_', label: 'OLE' },
  { prefix: 'OLE_S_', label: 'OLE' },
  { prefix: 'DISP_E_', label: 'Automation' }, // IDispatch late binding
  { prefix: 'TYPE_E_', label: 'Type library' },
  { prefix: 'STG_E_', label: 'Storage' }, // structured storage (IStorage/IStream)
  { prefix: 'STG_S_', label: 'Storage' },
  { prefix: 'REGDB_E_', label: 'COM registration' },
  { prefix: 'CLASS_E_', label: 'COM class' },
  { prefix: 'CS_E_', label: 'COM class store' },
  { prefix: 'MK_E_', label: 'Moniker' },
  { prefix: 'CLIPBRD_E_', label: 'Clipboard' },
  { prefix: 'INET_E_', label: 'URL moniker' }, // urlmon.dll, not WinINet
  { prefix: 'XACT_E_', label: 'Transaction' },
  { prefix: 'SCHED_E_', label: 'Task Scheduler' },
  // Network (lmerr.h) and sockets (winerror.h WSA codes).
  { prefix: 'NERR_', label: 'Network' },
  { prefix: 'WSA', label: 'Winsock' },
  { prefix: 'WSAE', label: 'Winsock' },
  { prefix: 'WSA_', label: 'Winsock' },
  { prefix: 'WSA_E_', label: 'Winsock' },
  // Security, certificates and cryptography.
  { prefix: 'CERT_E_', label: 'Certificate' },
  { prefix: 'CERTSRV_E_', label: 'Certificate Services' },
  { prefix: 'TRUST_E_', label: 'Trust' },
  { prefix: 'CRYPT_E_', label: 'Cryptography' },
  { prefix: 'NTE_', label: 'Cryptographic provider' }, // CryptoAPI CSP errors
  { prefix: 'SEC_E_', label: 'Security' },
  { prefix: 'SEC_I_', label: 'Security' },
  { prefix: 'SCARD_E_', label: 'Smart card' },
  { prefix: 'SCARD_W_', label: 'Smart card' },
  { prefix: 'TPM_E_', label: 'TPM' },
  { prefix: 'TBS_E_', label: 'TPM Base Services' },
  { prefix: 'FVE_E_', label: 'BitLocker' }, // FVE: full-volume encryption
  // Setup, servicing and transfer.
  { prefix: 'SPAPI_E_', label: 'Setup API' },
  { prefix: 'CBS_E_', label: 'Component-based servicing' },
  { prefix: 'CBS_S_', label: 'Component-based servicing' },
  { prefix: 'BG_E_', label: 'BITS' },
  { prefix: 'BG_S_', label: 'BITS' },
  { prefix: 'WER_E_', label: 'Windows Error Reporting' },
  { prefix: 'APPX_E_', label: 'App package' },
  // Graphics and media.
  { prefix: 'DXGI_ERROR_', label: 'DXGI' },
  { prefix: 'D3DERR_', label: 'Direct3D' },
  { prefix: 'D3D11_ERROR_', label: 'Direct3D 11' },
  { prefix: 'D3D12_ERROR_', label: 'Direct3D 12' },
  { prefix: 'MF_E_', label: 'Media Foundation' },
  { prefix: 'NS_E_', label: 'Windows Media' },
];

/**
 * Tokens (upper case, as they appear between underscores or as a CamelCase word) and their English.
 * Values keep their own case: proper nouns and acronyms inside them stay as written.
 */
export const TOKEN_WORDS: Readonly<Record<string, string>> = {
  // Run-together words from winerror.h's COM section (E_ACCESSDENIED, STG_E_FILENOTFOUND…).
  ACCESSDENIED: 'access denied',
  INVALIDARG: 'invalid argument',
  NOINTERFACE: 'no interface',
  OUTOFMEMORY: 'out of memory',
  NOTIMPL: 'not implemented',
  FAIL: 'failure', // E_FAIL
  FILENOTFOUND: 'file not found',
  PATHNOTFOUND: 'path not found',
  FILEALREADYEXISTS: 'file already exists',
  TOOMANYOPENFILES: 'too many open files',
  INVALIDHANDLE: 'invalid handle',
  INVALIDPOINTER: 'invalid pointer',
  INVALIDPARAMETER: 'invalid parameter',
  INVALIDFUNCTION: 'invalid function',
  INVALIDNAME: 'invalid name',
  INSUFFICIENTMEMORY: 'insufficient memory',
  SHAREVIOLATION: 'sharing violation',
  LOCKVIOLATION: 'lock violation',
  DISKISFULL: 'disk is full',
  MEDIUMFULL: 'medium full',
  WRITEFAULT: 'write fault',
  READFAULT: 'read fault',
  DOCFILECORRUPT: 'compound file corrupt', // "docfile": OLE structured-storage file
  NOTINITIALIZED: 'not initialized',
  ALREADYINITIALIZED: 'already initialized',
  CLASSNOTREG: 'class not registered',
  CLASSSTRING: 'class string', // CO_E_CLASSSTRING: a malformed CLSID string
  LIBNOTREGISTERED: 'library not registered',
  NOAGGREGATION: 'no aggregation',
  NOTFOUND: 'not found',
  NOTSUPPORTED: 'not supported',
  NOSIGNATURE: 'no signature',
  UNTRUSTEDROOT: 'untrusted root',
  NODATA: 'no data',
  NOSERVICE: 'no service',
  INUSE: 'in use',
  CANTDELETE: 'cannot delete',
  TIMEOUT: 'timeout',
  TIMEDOUT: 'timed out',
  // Windows Update (wuerror.h).
  SOAPCLIENT: 'SOAP client',
  SOAPFAULT: 'SOAP fault',
  DNLD: 'download',
  AU: 'Automatic Updates',
  PT: 'protocol', // protocol talker
  DM: 'download manager',
  DS: 'data store',
  UH: 'update handler',
  WU: 'Windows Update',
  SUS: 'SUS', // Software Update Services, WSUS's predecessor
  WSUS: 'WSUS',
  REDIR: 'redirector', // the cab that points clients at update servers
  EULAS: 'EULAs',
  SELFUPDATE: 'self-update',
  REBOOTREQUIRED: 'reboot required',
  LEGACYSERVER: 'legacy server',
  URLNOTAVAILABLE: 'URL not available',
  INCORRECTFILEHASH: 'incorrect file hash',
  NOTDOWNLOADED: 'not downloaded',
  INSTALLERHUNG: 'installer hung',
  INVALIDTABLENAME: 'invalid table name',
  SESSIONLOCKMISMATCH: 'session lock mismatch',
  LOCKTIMEOUTEXPIRED: 'lock timeout expired',
  UNKNOWNSERVICE: 'unknown service',
  NEEDWINDOWSSERVICE: 'need Windows service',
  FAILTOCONNECTTOBITS: 'failed to connect to BITS',
  BITSTRANSFERERROR: 'BITS transfer error',
  DOWNLOADLOCATIONCHANGED: 'download location changed',
  CONTENTCHANGED: 'content changed',
  // Winsock (WSAE…), mostly BSD errno names.
  CONNRESET: 'connection reset',
  CONNREFUSED: 'connection refused',
  CONNABORTED: 'connection aborted',
  WOULDBLOCK: 'would block',
  INPROGRESS: 'in progress',
  NOTSOCK: 'not a socket',
  DESTADDRREQ: 'destination address required',
  MSGSIZE: 'message size',
  NOPROTOOPT: 'bad protocol option',
  PROTONOSUPPORT: 'protocol not supported',
  SOCKTNOSUPPORT: 'socket type not supported',
  OPNOTSUPP: 'operation not supported',
  PFNOSUPPORT: 'protocol family not supported',
  AFNOSUPPORT: 'address family not supported',
  ADDRINUSE: 'address in use',
  ADDRNOTAVAIL: 'address not available',
  NETDOWN: 'network down',
  NETUNREACH: 'network unreachable',
  NETRESET: 'network reset',
  NOBUFS: 'no buffer space',
  ISCONN: 'already connected',
  NOTCONN: 'not connected',
  TOOMANYREFS: 'too many references',
  NAMETOOLONG: 'name too long',
  HOSTDOWN: 'host down',
  HOSTUNREACH: 'host unreachable',
  NOTEMPTY: 'not empty',
  PROCLIM: 'too many processes',
  DQUOT: 'disk quota exceeded',
  STALE: 'stale handle',
  SYSNOTREADY: 'network subsystem not ready',
  VERNOTSUPPORTED: 'version not supported',
  NOTINITIALISED: 'not initialised',
  DISCON: 'disconnecting',
  NOMORE: 'no more results',
  ACCES: 'access denied', // errno EACCES
  INVAL: 'invalid argument', // errno EINVAL
  MFILE: 'too many open files', // errno EMFILE
  INTR: 'interrupted',
  BADF: 'bad handle',
  // Abbreviations across headers.
  ADDR: 'address',
  ARG: 'argument',
  ARGS: 'arguments',
  ATTRIB: 'attribute',
  AUTH: 'authentication',
  AUTHN: 'authentication',
  AUTHZ: 'authorization',
  BUF: 'buffer',
  CERT: 'certificate',
  CFG: 'configuration',
  CONFIG: 'configuration',
  CN: 'common name', // certificate subject CN
  CONN: 'connection',
  CTX: 'context',
  DC: 'domain controller',
  DIR: 'directory',
  DRV: 'driver',
  EXE: 'executable',
  FS: 'file system',
  IMPL: 'implementation',
  INIT: 'initialization',
  INPAGE: 'in-page', // KERNEL_DATA_INPAGE_ERROR: paging a page back in
  IO: 'I/O',
  KEYSET: 'key set',
  KMODE: 'kernel-mode',
  LEN: 'length',
  MAX: 'maximum',
  MGR: 'manager',
  MOD: 'module', // ERROR_MOD_NOT_FOUND: a DLL
  MIN: 'minimum',
  MSG: 'message',
  NONPAGED: 'non-paged',
  NUM: 'number',
  OBJ: 'object',
  PARAM: 'parameter',
  PARAMS: 'parameters',
  PASSWD: 'password',
  PROC: 'procedure', // ERROR_PROC_NOT_FOUND: an exported function
  PROP: 'property',
  PWD: 'password',
  READONLY: 'read-only',
  REQ: 'required', // PROXY_AUTH_REQ: HTTP 407 Proxy Authentication Required
  SEC: 'security',
  SMARTCARD: 'smart card',
  SRV: 'server',
  SVC: 'service',
  SYS: 'system',
  TEMP: 'temporary',
  VAL: 'value',
  VER: 'version',
  WND: 'window',
  // Names with their own spelling.
  IPSEC: 'IPsec',
  IPV4: 'IPv4',
  IPV6: 'IPv6',
  KERBEROS: 'Kerberos',
  MICROSOFT: 'Microsoft',
  UNICODE: 'Unicode',
  WIN32: 'Win32',
  WINDOWS: 'Windows',
  WINHTTP: 'WinHTTP',
  WININET: 'WinINet',
  WINRM: 'WinRM',
  WINSOCK: 'Winsock',
  X509: 'X.509',
};

/** Tokens kept in capitals when no expansion applies. */
export const ACRONYMS: ReadonlySet<string> = new Set([
  'ACL',
  'ACPI',
  'API',
  'APC', // asynchronous procedure call
  'BIOS',
  'BITS', // Background Intelligent Transfer Service
  'CA',
  'CAB',
  'CLSID',
  'COM',
  'CPU',
  'CRL',
  'DCOM',
  'DHCP',
  'DLL',
  'DMA',
  'DNS',
  'DPC', // deferred procedure call
  'DRA', // directory replication agent (Active Directory)
  'EFI',
  'EFS',
  'EULA',
  'FAT',
  'FTP',
  'GPU',
  'GUID',
  'HAL', // hardware abstraction layer
  'HTML',
  'HTTP',
  'HTTPS',
  'ID',
  'IID',
  'IIS',
  'INF',
  'IP',
  'IRQL', // interrupt request level
  'LDAP',
  'LSA',
  'MIME',
  'MSI',
  'MUI',
  'NDIS',
  'NT',
  'NTFS',
  'NTLM',
  'OCSP',
  'OK',
  'OLE',
  'PCI',
  'PFN', // page frame number
  'PIN',
  'RAM',
  'RPC',
  'SAM',
  'SID',
  'SMB',
  'SOAP',
  'SQL',
  'SSL',
  'SSPI',
  'TCP',
  'TDR', // timeout detection and recovery (display driver)
  'TLS',
  'TPM',
  'UAC',
  'UDP',
  'UEFI',
  'UNC',
  'URI',
  'URL',
  'USB',
  'UTF',
  'VPN',
  'VSS',
  'WHEA', // Windows Hardware Error Architecture
  'WIM',
  'WMI',
  'XML',
]);
