import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ERRATA_DB: z.string().min(1).default('./var/errata.db'),
  DATABASE_URL: z.string().optional(),
  ERRATA_CONTENT: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url().optional(),
  ERRATA_STALE_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TRUST_PROXY: z
    .string()
    .refine((v) => !/^\s*\d+\s*$/.test(v), 'give proxy addresses (e.g. 127.0.0.1) or true, not a hop count')
    .optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dbFile: string;
  readonly databaseUrl: string | undefined;
  readonly contentDir: string;
  readonly logLevel: string;
  /** Public origin for absolute URLs (canonical, sitemap, OpenGraph); no trailing slash. */
  readonly publicUrl: string;
  /** Guides reviewed longer ago than this are listed as stale for editors. */
  readonly staleMonths: number;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  /** Which proxies' X-Forwarded-For to believe (Fastify's trustProxy); false: none. */
  readonly trustProxy: boolean | string;
}

/** The package root, from which bundled content, catalogs and assets are read. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');

let version: string | undefined;

/** The installed package's version (package.json). */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  return version;
}

/**
 * TRUST_PROXY: unset, empty or `false` believes no proxy; `true` believes every peer (only when nothing
 * but the proxy can reach the port); anything else is a comma-separated list of proxy addresses or CIDR
 * ranges (or `loopback`, `linklocal`, `uniquelocal`), as Fastify's trustProxy reads it.
 */
export function parseTrustProxy(value: string | undefined): boolean | string {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  return v;
}

/** Reads the environment once; a bad value fails fast with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dbFile: e.ERRATA_DB,
    databaseUrl: e.DATABASE_URL,
    contentDir: e.ERRATA_CONTENT ?? resolve(PACKAGE_ROOT, 'content'),
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    staleMonths: e.ERRATA_STALE_MONTHS,
    metricsToken: e.METRICS_TOKEN,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
  });
}
