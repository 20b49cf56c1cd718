import type { ReferenceFamily } from './reference.ts';

/** One family's explanation page: what it is, where people meet it, how values are built and read. */
export interface FamilyGuide {
  /** One line for lists and the page's description. */
  summary: string;
  what: string;
  where: string;
  built: string;
  read: string;
  /** Example codes (as people meet them) for the page. */
  examples: readonly string[];
}

/** Written by Errata: explanations of each catalog family, linked from every entry of the family. */
export const FAMILY_GUIDES: Readonly<Record<ReferenceFamily, FamilyGuide>> = {
  win32: {
    summary: 'The error numbers Windows API functions leave for GetLastError.',
    what: 'A Win32 error code is the number a Windows API function records when it fails; the program reads it with GetLastError. Zero means success. Most codes are defined in winerror.h as ERROR_* names; networking, dial-up, WinINet and SetupAPI add their own ranges.',
    where:
      'In message boxes and logs that print "error 5" or "System error 1326", in installer logs (1603 comes from Windows Installer), in net helpmsg, and inside HRESULTs of the form 0x8007xxxx.',
    built:
      'A plain number, almost always below 65,536 (16 bits). Ranges belong to components: 2100–2999 LAN Manager (NERR_*), 600–999 dial-up (RAS), 10000–11999 Winsock (WSA*), 12000–12999 WinINet and WinHTTP. SetupAPI also returns a few 0xE000xxxx values through GetLastError.',
    read: 'Read the number in decimal. If you see 0x8007xxxx, the last four hex digits are a Win32 code: 0x80070005 is error 5, access denied.',
    examples: ['5', '1603', '0x80070002'],
  },
  hresult: {
    summary: 'The 32-bit result type of COM and most modern Windows APIs: severity, facility and code.',
    what: 'An HRESULT is the 32-bit status that COM, .NET interop, DirectX, Windows Update and most modern Windows components return. Negative values (top bit set) are failures; 0 (S_OK) and other non-negative values are successes.',
    where:
      'As eight hex digits starting 0x8 or 0xC in update histories (0x80244007), installers, event logs and application dialogs; also as a negative decimal (-2147024891) in .NET exceptions and scripts.',
    built:
      'Bit 31 is the severity (1 = failure), bit 29 marks customer-defined codes, bit 28 (N) marks a wrapped NTSTATUS, bits 16–26 are the facility (7 = Win32, 4 = COM interface-specific, 0x24 = Windows Update, 0x87A = DXGI ...) and the low 16 bits are the code within that facility.',
    read: 'Write it as eight hex digits. Facility 7 (0x8007xxxx) wraps a Win32 error: the last four digits, in decimal, are that error. The same HRESULT can have several names when headers reuse it; the first listed is the defining one.',
    examples: ['0x80070005', '0x80244007', '-2147024891'],
  },
  ntstatus: {
    summary: 'The status values of the Windows kernel and drivers, also seen as exception codes.',
    what: 'NTSTATUS is the 32-bit status the Windows kernel, drivers and native API use. Application crash reports show the same values as exception codes.',
    where:
      'In crash dialogs and Event Viewer ("exception code 0xc0000005"), in driver and kernel logs, in bug check parameters, and wrapped inside HRESULTs as 0xDxxxxxxx (HRESULT_FROM_NT).',
    built:
      'The top two bits are the severity (0 success, 1 informational, 2 warning, 3 error: hence 0x0, 0x4, 0x8 and 0xC starts), bit 29 marks customer codes, bits 16–27 the facility and the low 16 bits the code.',
    read: 'Write it as eight hex digits. 0xC0000005 is an error (severity 3), facility 0, code 5: access violation. An HRESULT with bit 28 set (0xD...) carries an NTSTATUS: clear that bit to find it.',
    examples: ['0xC0000005', '0xC000021A', '0x80000003'],
  },
  bugcheck: {
    summary: 'Stop codes: why Windows halted with a blue (or black) screen.',
    what: 'A bug check, or stop code, is the reason Windows gives when it stops the whole system to protect data. Each has a number and an upper-case name.',
    where:
      'On the stop screen ("Stop code: DPC_WATCHDOG_VIOLATION"), in the System event log after the restart (event 1001, "The computer has rebooted from a bugcheck"), and in crash dump analysis (!analyze in WinDbg).',
    built:
      'A 32-bit number, mostly small (0x1 to a few hundred), followed on the screen or in the log by four parameters whose meaning depends on the code. A few live-dump and special codes use high values such as 0x1000007E or 0xC000021A.',
    read: "Read it as hex: 0x133 and 0x00000133 are the same. The name is what the stop screen shows; the four parameters narrow down the cause and are described on Microsoft's page for each code.",
    examples: ['0x133', '0x124', 'DPC_WATCHDOG_VIOLATION'],
  },
  configret: {
    summary: 'Results of the Configuration Manager (CM_*) device functions.',
    what: "CONFIGRET is the return type of the Configuration Manager functions (CM_Get_DevNode_Status, CM_Locate_DevNode ...) that device installers, Device Manager and drivers' user-mode helpers call. CR_SUCCESS is 0.",
    where:
      'In SetupAPI and device installation logs (setupapi.dev.log), in tools that enumerate devices, and in error messages of driver installers.',
    built:
      'A small number defined in cfgmgr32.h as CR_* (0x00 to about 0x3B); not an HRESULT and not a Win32 code, though some APIs translate it to one.',
    read: 'Read it as a small hex or decimal number together with the function that returned it: CR_NO_SUCH_DEVNODE (0x0000000D) from a device look-up means the device is not present.',
    examples: ['CR_NO_SUCH_DEVNODE', '0x0000000D'],
  },
  cmprob: {
    summary: 'The "Code N" numbers Device Manager shows for a device with a problem.',
    what: 'A device problem code says why Windows cannot use a device. Device Manager shows it in the device\'s status as "This device cannot start. (Code 10)".',
    where:
      "In Device Manager's device properties, in pnputil /enum-devices output and in device installation logs.",
    built:
      "A small decimal number defined in cfg.h as CM_PROB_* (1 to about 58). It describes the device's state, not the failure of a function call.",
    read: 'Read the number in decimal as Device Manager prints it: Code 43 is CM_PROB_FAILED_POST_START, a driver that reported a failure after the device started.',
    examples: ['10', '28', '43'],
  },
  mmresult: {
    summary:
      'Results of the classic Windows multimedia functions (waveOut, midiOut, mixer, timer, joystick).',
    what: 'MMRESULT is the return type of the Windows multimedia API (winmm): waveOutOpen, midiInOpen, mixerGetLineInfo, timeSetEvent, joyGetPos and the Audio Compression Manager.',
    where:
      'In older games and audio software, in applications that report "MMSYSERR_NODRIVER" when no audio device is present, and in developers\' logs.',
    built:
      'A small decimal number: 0 is MMSYSERR_NOERROR; 1–21 are general errors (MMSYSERR_*); WAVERR_* start at 32, MIDIERR_* at 64, TIMERR_* at 96, JOYERR_* at 160, ACMERR_* at 512, MIXERR_* at 1024.',
    read: 'Read it in decimal and use the range to tell which API it came from: 2 is MMSYSERR_BADDEVICEID, 6 is MMSYSERR_NODRIVER.',
    examples: ['MMSYSERR_NODRIVER', '6'],
  },
  mcierror: {
    summary: 'Errors of the Media Control Interface (mciSendCommand, mciSendString).',
    what: 'MCI errors are returned by mciSendCommand and mciSendString, the old string and command interface for playing media devices (CD audio, AVI, MIDI sequencer).',
    where:
      'In legacy multimedia programs and scripts that use MCI commands such as "open" and "play"; mciGetErrorString turns them into text.',
    built:
      'A decimal number from 256 upwards (MCIERR_BASE + n); drivers add their own errors from 512 (MCIERR_CUSTOM_DRIVER_BASE). The low word is the error; the high word may name the device.',
    read: 'Read the low 16 bits in decimal: 263 is MCIERR_INVALID_DEVICE_NAME (256 + 7).',
    examples: ['MCIERR_INVALID_DEVICE_NAME', '263'],
  },
  jet: {
    summary: 'Errors and warnings of the Extensible Storage Engine (ESE, "Jet Blue").',
    what: 'ESE is the database engine inside Active Directory, Exchange, Windows Search and other Windows components. Its functions return JET_ERR values: 0 is success, negative numbers are errors and positive numbers are warnings.',
    where:
      'In Event Viewer entries from ESENT, Active Directory, Exchange and Windows Search ("error -1018"), and in the output of esentutl.',
    built: 'A signed decimal number defined in esent.h as JET_err* (negative) and JET_wrn* (positive).',
    read: 'Keep the sign: -1018 is JET_errReadVerifyFailure (a page checksum failed), while 1018 would be a different, positive warning value. Tools that print it as an unsigned number show 4294966278 for -1018.',
    examples: ['-1018', '-1811', 'JET_errReadVerifyFailure'],
  },
  pdh: {
    summary: 'Status values of the Performance Data Helper (performance counter) API.',
    what: 'PDH status values are returned by the performance counter functions that Performance Monitor, typeperf and monitoring agents use (PdhCollectQueryData, PdhGetFormattedCounterValue ...).',
    where:
      'In typeperf and logman output, in monitoring agents that read counters, and in Performance Monitor errors.',
    built:
      'A 32-bit value shaped like an NTSTATUS-style message code: 0x800007xx warnings, 0xC0000Bxx errors, and PDH_CSTATUS_* small values for the state of one counter.',
    read: "Write it as eight hex digits: 0xC0000BB8 is PDH_CSTATUS_NO_OBJECT, the counter's object does not exist on that computer.",
    examples: ['0xC0000BB8', 'PDH_NO_DATA'],
  },
  'chromium-net': {
    summary: 'Network errors of Chrome, Edge and other Chromium-based browsers and apps.',
    what: "Chromium's network stack reports failures as ERR_* names with negative numbers. Browsers built on it (Chrome, Edge, Brave, Opera) and Electron apps show them on their error pages and in developer tools.",
    where:
      'On the browser\'s error page ("ERR_CONNECTION_REFUSED", "NET::ERR_CERT_DATE_INVALID"), in the developer tools\' network panel, in chrome://net-export logs and in Electron apps\' logs.',
    built:
      'A negative decimal number; ranges group them: -1 to -99 system, -100 to -199 connection, -200 to -299 certificate, -300 to -399 HTTP, -400 to -499 cache, -800 to -899 DNS.',
    read: 'Keep the sign and ignore the "NET::" or "net::" prefix the page may show: ERR_CONNECTION_REFUSED is -102, ERR_CERT_DATE_INVALID is -201.',
    examples: ['ERR_CONNECTION_REFUSED', 'NET::ERR_CERT_DATE_INVALID', '-102'],
  },
  setup: {
    summary: 'Result codes of Windows Setup: why an upgrade or installation stopped or rolled back.',
    what: 'Windows Setup (setup.exe, the upgrade assistant, feature updates through Windows Update) reports its own result codes, named MOSETUP_E_* ("modern setup"). 0xC1900101 is the generic code for a rollback, most often caused by a driver.',
    where:
      'On the "Windows 11 installation has failed" or "We couldn\'t install Windows" screen, in Windows Update history for feature updates, in setupact.log and setuperr.log under $Windows.~BT, and in SetupDiag reports.',
    built:
      'A 32-bit value of the form 0xC19xxxxx: error severity (0xC), facility 0x190 for Windows Setup, and a code. Setup usually prints a second, "extend" code after it (0xC1900101 - 0x4000D), whose first digit is the setup phase and last two digits the operation.',
    read: 'Write it as eight hex digits and keep the extend code with it: 0xC1900101 - 0x4000D is a rollback in phase 4 (the second boot, OOBE) during operation 0x0D (data migration). The result code alone says only what kind of failure it was.',
    examples: ['0xC1900101', '0xC1900208', 'MOSETUP_E_COMPAT_SYSREQ_BLOCK'],
  },
  openssl: {
    summary: 'Error codes of OpenSSL 3: a library number and a reason, as in "error:0A000086".',
    what: 'OpenSSL records each failure on its error queue as a packed number naming the library that failed (SSL, X.509, EVP, PEM ...) and the reason. Programs built on OpenSSL print them when a TLS connection, certificate or key operation fails.',
    where:
      'In messages such as "error:0A000086:SSL routines::certificate verify failed" from curl, git, Python, Node.js, nginx, Apache and the openssl command, and in server logs.',
    built:
      'In OpenSSL 3, the library number (ERR_LIB_*) is shifted left 23 bits and the reason code is in the low 23 bits. OpenSSL 1.1 and older packed a function code too, so their numbers differ for the same reason.',
    read: 'Take the eight hex digits after "error:": 0A000086 is library 0x14 (20, SSL) and reason 0x86 (134), SSL_R_CERTIFICATE_VERIFY_FAILED. The text after the code names the library and the reason.',
    examples: ['0A000086', 'SSL_R_CERTIFICATE_VERIFY_FAILED'],
  },
  mysql: {
    summary: 'Error numbers of the MySQL and MariaDB servers, as in "ERROR 1045 (28000)".',
    what: 'MySQL and MariaDB give every error a number and an upper-case name (ER_DUP_ENTRY, ER_ACCESS_DENIED_ERROR ...). The server sends the number, a five-character SQLSTATE and a message to the client, and drivers in every language pass them on. MariaDB split from MySQL in 2009; the two share the older numbers and assign the newer ones separately.',
    where:
      'In the mysql and mariadb command-line clients ("ERROR 1045 (28000): Access denied for user ..."), in application logs and exceptions from drivers (PHP, Python, Java, Node.js), in replication status and in the server\'s error log.',
    built:
      "A plain decimal number. 1000–1999 are the classic server errors shared by both servers; 2000–2999 are client-library errors (not in this catalog); MySQL 5.7 and later add 3000 and up, MariaDB its own 4000 and up, so one number above about 1900 can name different errors in the two. Small numbers are the server's file and system errors (EE_*) and storage engine errors (HA_ERR_*, 120 and up).",
    read: 'Read the number in decimal and note which server printed it: where MySQL and MariaDB disagree, both entries are listed. The SQLSTATE in parentheses is a separate, coarser standard code; the number is the precise one.',
    examples: ['1045', '1062', 'ER_ACCESS_DENIED_ERROR'],
  },
  osstatus: {
    summary: 'Result codes of classic macOS APIs (OSStatus and OSErr), such as -43 for a missing file.',
    what: "OSStatus is the 32-bit signed result type of Apple's older C APIs, still used under many current frameworks; OSErr is its 16-bit predecessor. Zero (noErr) means success and errors are negative numbers, each with a name in Apple's MacErrors.h.",
    where:
      'In Finder and app dialogs ("The operation can\'t be completed. (OSStatus error -43.)", "error code -36"), in Console and crash logs, in Xcode and in scripts (AppleScript errors share this numbering).',
    built:
      'A signed number; each Mac OS manager (File Manager, Memory Manager, Apple Events, QuickTime ...) owns a range of negative values. Newer frameworks often use four-character codes read as a number instead, and the Security framework (errSec*) and Core Audio have their own lists; those are not in this catalog.',
    read: 'Read it as a signed decimal: -43 is fnfErr, file not found. A large positive number such as 4294967253 is the same 32 bits read without a sign (here -43).',
    examples: ['-43', '-36', 'fnfErr'],
  },
  nss: {
    summary:
      'Security and network errors of Firefox and other programs built on NSS, as in SEC_ERROR_UNKNOWN_ISSUER.',
    what: "NSS (Network Security Services) is Mozilla's TLS and certificate library, with NSPR, its portable runtime, beneath it. Firefox, Thunderbird and some Linux tools use it, so their certificate and connection errors carry NSS's names and numbers rather than the operating system's.",
    where:
      'On Firefox\'s "Warning: Potential Security Risk Ahead" and "Secure Connection Failed" pages (Error code: SEC_ERROR_UNKNOWN_ISSUER, SSL_ERROR_NO_CYPHER_OVERLAP), in Thunderbird account errors, and in logs of programs that link NSS (certutil, curl builds with NSS, LDAP clients).',
    built:
      'Negative numbers in three ranges: NSPR from -6000, certificate and library errors (SEC_ERROR_*) from -8192, TLS errors (SSL_ERROR_*) from -12288. Firefox adds its own MOZILLA_PKIX_ERROR_* names for certificate checks, which are not in this catalog.',
    read: "Pages show the name, which is the thing to look up; a number such as -8179 is the same error (SEC_ERROR_UNKNOWN_ISSUER: the certificate's issuer is not trusted or not known).",
    examples: ['SEC_ERROR_UNKNOWN_ISSUER', 'SSL_ERROR_NO_CYPHER_OVERLAP', '-8179'],
  },
  errno: {
    summary: 'The error numbers of Linux and other Unix-like systems (errno).',
    what: 'errno is the number a failed system call or C library function leaves for the program; strerror() turns it into a message such as "No such file or directory".',
    where:
      'In shell and program messages ("Permission denied"), in logs that print the name (ENOENT, ECONNREFUSED), and in Node.js, Python and other runtimes\' error objects.',
    built:
      'A small positive number with an E* name. The numbers here are the asm-generic numbering used by x86, ARM and RISC-V Linux; Alpha, MIPS, PA-RISC and SPARC number some differently, and BSD and macOS differ above 34.',
    read: 'Prefer the name: ENOENT means the same on every system, the number does not. System calls return the negative value (-2) inside the kernel; user space sees 2.',
    examples: ['ENOENT', 'ECONNREFUSED', 'EACCES'],
  },
  http: {
    summary: 'HTTP response status codes, from 100 to 599.',
    what: 'An HTTP status code is the three-digit number a web server puts at the start of every response; RFC 9110 defines their meaning.',
    where: 'On browser error pages, in API responses, in server logs and in tools such as curl.',
    built:
      'Three decimal digits; the first says the class: 1xx informational, 2xx success, 3xx redirection, 4xx client error, 5xx server error.',
    read: 'Read the first digit first: a 4xx means the request was refused as sent, a 5xx means the server failed to answer it.',
    examples: ['404', '503', '429'],
  },
  obd: {
    summary: 'On-board diagnostics trouble codes of cars and light trucks (OBD-II).',
    what: "An OBD-II diagnostic trouble code is the five-character code a vehicle's computers store when they detect a fault, read with a scan tool.",
    where:
      "On scan tools and phone apps connected to the car's diagnostic port, and behind the check-engine light.",
    built:
      'A letter (P powertrain, C chassis, B body, U network), a digit for generic (0) or manufacturer-specific (1) codes, a digit for the subsystem, and two digits for the fault.',
    read: 'Read it from left to right: P0300 is a powertrain, generic, ignition-system code: random or multiple misfires.',
    examples: ['P0300', 'P0420'],
  },
};
