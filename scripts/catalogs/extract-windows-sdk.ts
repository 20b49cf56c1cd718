/**
 * Extracts error and status names and values (facts) from the Windows SDK headers that the
 * microsoft/win32metadata repository carries (generation/WinSDK/RecompiledIdlHeaders and
 * AdditionalHeaders), into data/sources/windows-sdk/defines.json. The headers are evaluated with the
 * same rules and evaluator as the mingw-w64 headers (scripts/catalogs/windows.ts); only symbol, value,
 * family, header and line are kept, never a comment or message text.
 *
 *   node --import tsx scripts/catalogs/extract-windows-sdk.ts GIT_DIR [COMMIT]
 *
 * GIT_DIR is a clone (bare is fine) of https://github.com/microsoft/win32metadata; COMMIT defaults to
 * HEAD. The result names the commit and every header's path and git blob id, so it can be checked
 * against the repository.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  HEADER_SPECS,
  type HeaderInput,
  type HeaderSpec,
  type IgnoredDefine,
  RESOLUTION_FALLBACK,
  buildWindowsCatalogs,
} from './windows.ts';

const OUT = fileURLToPath(new URL('../../data/sources/windows-sdk/defines.json', import.meta.url));
export const SDK_REPOSITORY = 'https://github.com/microsoft/win32metadata';
export const SDK_DIRS = ['generation/WinSDK/RecompiledIdlHeaders', 'generation/WinSDK/AdditionalHeaders'];

/**
 * Headers read besides those with a mingw-w64 spec of the same name (matched case-insensitively):
 * every SDK header that builds HRESULT or NTSTATUS values, read in `built` mode.
 */
export const SDK_BUILT_HEADERS: readonly string[] = [
  'vdserr.h',
  'WindowsSearchErrors.h',
  'rtcerr.h',
  'NtDsBMsg.h',
  'oledberr.h',
  'vfwmsgs.h',
  'ntiologc.h',
  'Mq.h',
  'CiError.h',
  'fsrmerr.h',
  'msopc.h',
  'imapi2error.h',
  'Tapi3Err.h',
  'winbio_err.h',
  'deliveryoptimizationerrors.h',
  'xpsobjectmodel.h',
  'SCardErr.h',
  'infotech.h',
  'imapi2fserror.h',
  'wdsmcerr.h',
  'wcmerrors.h',
  'urlmon.h',
  'asferr.h',
  'drt.h',
  'WdsTptMgmtMsg.h',
  'infocard.h',
  'WiaDef.h',
  'fltWinError.h',
  'ehstormsg.h',
  'IssPer16.h',
  'MDMRegistration.h',
  'FhErrors.h',
  'msctf.h',
  'dlnaerror.h',
  'UPnP.h',
  'AdsErr.h',
  'cryptxml.h',
  'msime.h',
  'netcfgx.h',
  'SubAuth.h',
  'wincred.h',
  'audioenginebaseapo.h',
  'PortableDevice.h',
  'Filterr.h',
  'upnphost.h',
  'WinFax.h',
  'TextStor.h',
  'OleCtl.h',
  'p2p.h',
  'CorError.h',
  'thumbcache.h',
  'ndattrib.h',
  'functiondiscoveryerror.h',
  'dinput.h',
  'Reconcil.h',
  'xpsdigitalsignature.h',
  'daogetrw.h',
  'mediaerr.h',
  'jscript9diag.h',
  'WerApi.h',
  'Mobsync.h',
  'GameInput.h',
  'WcnTypes.h',
  'xaudio2.h',
  'wsbapperror.h',
  'dxva2api.h',
  'dwrite_3.h',
  'WdsCpMsg.h',
  'IntShCut.h',
  'xpsobjectmodel_1.h',
  'wsbonlineerror.h',
  'mfapi.h',
  'xamlOM.h',
  'wmcodecdsp.h',
  'tsvirtualchannels.h',
  'mmdeviceapi.h',
  'D2DErr.h',
  'xapo.h',
  'wpc.h',
  'tpcerror.h',
  'srpapi.h',
  'shimgdata.h',
  'prcomoem.h',
  'msdrmerror.h',
  'lamparray.h',
  'filterpipeline.h',
  'dxdiag.h',
  'ctffunc.h',
  'devicetopology.h',
  'PhotoAcquire.h',
  'NetCon.h',
  'MSPST.h',
  'ShellHandwriting.h',
  'dxgi.h',
  'd3d12.h',
  'd3d11.h',
  'd3d10.h',
  'd3d9.h',
  'ddraw.h',
  'dsound.h',
  'dxgidebug.h',
  'dcomp.h',
  'd2d1.h',
  'dwrite.h',
  'wincodec.h',
];

const WIN16 = 'the Win16/Mac branch of winerror.h (`#if defined(_WIN32) && !defined(_MAC)` ... `#else`)';

/** Where the SDK's copy of a header differs from mingw-w64's in a way its spec must know. */
export const SDK_SPEC_CHANGES: Readonly<Record<string, Partial<HeaderSpec>>> = {
  'winerror.h': {
    notCodes: {
      ...HEADER_SPECS.find((s) => s.file === 'winerror.h')!.notCodes,
      FORCEINLINE: 'compiler keyword for the inline helpers, not a code',
      HSP_BS_ERROR_MASK: 'mask of the HSP error range, not a code',
      HSP_BASE_ERROR_MASK: 'mask of the HSP error range, not a code',
      HSP_KSP_ERROR_MASK: 'mask of the HSP error range, not a code',
    },
    redefinedElsewhere: Object.fromEntries(
      [
        'E_NOTIMPL',
        'E_OUTOFMEMORY',
        'E_INVALIDARG',
        'E_NOINTERFACE',
        'E_POINTER',
        'E_HANDLE',
        'E_ABORT',
        'E_FAIL',
        'E_ACCESSDENIED',
      ].map((n) => [n, WIN16]),
    ),
  },
  'ntstatus.h': {
    notCodes: {
      FACILTIY_MUI_ERROR_CODE:
        'facility constant (misspelled FACILITY_MUI_ERROR_CODE in the header), not a code',
    },
  },
  'slerror.h': {
    notCodes: Object.fromEntries(
      ['SL_MDOLLAR_ZONE', 'SL_SERVER_ZONE', 'SL_MSCH_ZONE', 'SL_INTERNAL_ZONE', 'SL_CLIENTAPI_ZONE'].map(
        (n) => [n, 'base of a range of SL_E_* codes ("zone"), not a code'],
      ),
    ),
  },
};

const CATEGORY = 'message-file category (CategoryId), not a code';
/** Non-codes of SDK headers read in `built` mode, by header, with the reason. */
export const SDK_NOT_CODES: Readonly<Record<string, Record<string, string>>> = {
  'wdscpmsg.h': { WDSCP_CATEGORY: CATEGORY },
  'wdsmcerr.h': { WDSMCSERVER_CATEGORY: CATEGORY, WDSMCCLIENT_CATEGORY: CATEGORY },
  'wdstptmgmtmsg.h': { WDSTPTMGMT_CATEGORY: CATEGORY },
};

/** Headers with a mingw-w64 spec that the SDK also has but that are not read from it, with the reason. */
export const SDK_NOT_READ: Readonly<Record<string, string>> = {
  'digitalv.h':
    "its MCIERR_* build on MCIERR_CUSTOM_DRIVER_BASE, which the SDK spreads over mciapi.h and mmsyscom.h; mingw-w64's copy gives the same values",
  'mciavi.h': 'as digitalv.h',
  'vcr.h': 'as digitalv.h',
};

/**
 * SDK headers that write HRESULTs as bare numbers (`0x80338000L`) or through a macro that is no cast,
 * with the names that are codes (`plain`, taken when the value has the failure bit or the name is a
 * success code) and why the header is read.
 */
export const SDK_PLAIN_HEADERS: Readonly<Record<string, { plain: RegExp; why: string }>> = {
  'windowssearcherrors.h': { plain: /_[ESW]_/, why: 'Windows Search HRESULTs (written as bare numbers)' },
  'wsmerror.h': {
    plain: /^ERROR_(WSMAN|WINRS|REDIRECT|SERVICE)_/,
    why: 'Windows Remote Management (WinRM, WS-Management) HRESULTs, facility 0x33 (written as bare numbers)',
  },
  'synchronizationerrors.h': {
    plain: /^SYNC_[ESW]_/,
    why: 'Sync Framework HRESULTs (written as bare numbers)',
  },
  'syncregistrationerrors.h': {
    plain: /_[ESW]_/,
    why: 'Sync registration HRESULTs (written as bare numbers)',
  },
  'mswmdm.h': {
    plain: /^WMDM_[ESW]_/,
    why: 'Windows Media Device Manager HRESULTs (written as bare numbers)',
  },
  'asferr.h': {
    plain: /^ASF_[ESW]_/,
    why: 'Advanced Systems Format (ASF) HRESULTs (written through _ASF_HRESULT_TYPEDEF_, which is no cast)',
  },
  'eaphosterror.h': { plain: /_[ESW]_/, why: 'EAPHost HRESULTs (some written as bare numbers)' },
};

/** Defines whose value the evaluator cannot compute, with the reason (matched by header and symbol). */
export const SDK_IGNORED: readonly IgnoredDefine[] = [];

/** Which SDK headers (first found wins: um before shared before winrt, RecompiledIdlHeaders before AdditionalHeaders). */
function listHeaders(gitDir: string, commit: string): Map<string, { path: string; blob: string }> {
  const out = new Map<string, { path: string; blob: string }>();
  const text = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', commit, ...SDK_DIRS], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const rank = (p: string) =>
    (p.includes('/AdditionalHeaders/') ? 10 : 0) +
    (p.includes('/um/') ? 0 : p.includes('/shared/') ? 1 : p.includes('/winrt/') ? 2 : 3);
  for (const line of text.split('\n')) {
    const m = /^\d+ blob ([0-9a-f]{40})\t(.+\.h)$/.exec(line);
    if (!m) continue;
    const path = m[2]!;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const prev = out.get(name.toLowerCase());
    if (!prev || rank(path) < rank(prev.path)) out.set(name.toLowerCase(), { path, blob: m[1]! });
  }
  return out;
}

export function sdkSpecs(available: ReadonlySet<string>): HeaderSpec[] {
  const specs: HeaderSpec[] = [];
  const seen = new Set<string>();
  for (const base of HEADER_SPECS) {
    if (!available.has(base.file.toLowerCase()) || SDK_NOT_READ[base.file]) continue;
    const plain = SDK_PLAIN_HEADERS[base.file.toLowerCase()];
    const s = { ...base, ...SDK_SPEC_CHANGES[base.file], ...(plain ? { plain: plain.plain } : {}) };
    if (s.uses?.some((u) => !available.has(u.toLowerCase()))) continue;
    specs.push(s);
    seen.add(s.file.toLowerCase());
  }
  for (const f of [...SDK_BUILT_HEADERS, ...Object.keys(SDK_PLAIN_HEADERS)]) {
    const file = f.toLowerCase();
    if (seen.has(file) || !available.has(file)) continue;
    seen.add(file);
    const plain = SDK_PLAIN_HEADERS[file];
    specs.push({
      file,
      family: 'built',
      facilities: null,
      why: plain?.why ?? 'HRESULT/NTSTATUS values',
      ...(plain ? { plain: plain.plain } : {}),
      ...(SDK_NOT_CODES[file] ? { notCodes: SDK_NOT_CODES[file] } : {}),
    });
  }
  return specs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const gitDir = process.argv[2];
  if (!gitDir) {
    process.stderr.write('usage: extract-windows-sdk.ts GIT_DIR [COMMIT]\n');
    process.exit(2);
  }
  const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', process.argv[3] ?? 'HEAD'], {
    encoding: 'utf8',
  }).trim();
  const listed = listHeaders(gitDir, commit);
  const specs = sdkSpecs(new Set(listed.keys()));
  const needed = new Set([...specs.flatMap((s) => [s.file, ...(s.uses ?? [])]), ...RESOLUTION_FALLBACK]);
  const headers = new Map<string, HeaderInput>();
  const paths = new Map<string, { path: string; blob: string }>();
  for (const file of needed) {
    const at = listed.get(file.toLowerCase());
    if (!at) continue;
    const bytes = execFileSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', at.blob], {
      maxBuffer: 256 << 20,
    });
    headers.set(file, {
      text: bytes.toString('utf8'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    paths.set(file, at);
  }
  // Specs whose support headers (`uses`) the SDK lacks are dropped rather than half-read.
  const usable = specs.filter((s) => (s.uses ?? []).every((u) => headers.has(u)));
  const win = buildWindowsCatalogs(
    {
      includeDir: 'generation/WinSDK',
      upstreamDir: 'generation/WinSDK',
      headers,
      copyright: [],
      licenceOf: () => ({
        licence: 'Windows-SDK',
        note: 'Microsoft Windows SDK header; only names and values are taken',
      }),
    },
    { specs: usable, fallback: RESOLUTION_FALLBACK, ignores: SDK_IGNORED },
  );
  const records = Object.fromEntries(
    win.main.headers.map(([name, h]) => {
      const at = paths.get(name)!;
      const { licence: _l, licenceNote: _n, path: _p, ...rest } = h;
      return [name, { path: at.path, blob: at.blob, ...rest }];
    }),
  );
  const doc = {
    source: {
      repository: SDK_REPOSITORY,
      commit,
      dirs: SDK_DIRS,
      licence: 'Windows-SDK',
      licenceNote:
        "The headers are Microsoft's Windows SDK headers, which win32metadata carries to produce its metadata; its LICENSE says its MIT licence does not change theirs. Only symbolic names and numeric values (facts needed to interoperate) and where each is defined are kept; no comment, message text or other expression of the headers.",
      obtainedWith:
        "the search tool's fetch of github:microsoft/win32metadata (a git snapshot), read with git cat-file",
      extractedBy: 'scripts/catalogs/extract-windows-sdk.ts',
      notRead: SDK_NOT_READ,
    },
    headers: records,
    facilities: win.main.facilities,
    entries: win.main.entries,
  };
  const lines = [
    '{',
    `  "source": ${JSON.stringify(doc.source)},`,
    `  "headers": ${JSON.stringify(doc.headers)},`,
    `  "facilities": ${JSON.stringify(doc.facilities)},`,
    '  "entries": [',
    doc.entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n'),
    '  ]',
    '}',
    '',
  ];
  writeFileSync(OUT, lines.join('\n'));
  process.stderr.write(
    `windows-sdk: ${doc.entries.length} entries from ${win.main.headers.length} headers at ${commit}\n`,
  );
}
