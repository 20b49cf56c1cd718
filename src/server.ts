import { buildApp } from './app.ts';
import { loadConfig, type Config } from './base/config.ts';
import { bundledCatalog } from './catalog/load.ts';
import { storageLocation } from './store/faults.ts';
import { countPublished } from './guides/repository.ts';
import { openStore, type OpenReport } from './open.ts';

/** Opens storage, builds the app and listens on PORT/HOST until SIGINT or SIGTERM. */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const store = await openStore(config, { searchIndex: true });
  const app = await buildApp({
    db: store.db,
    origin: config.publicUrl,
    admin: { staleMonths: config.staleMonths },
    logLevel: config.logLevel,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    prepareSearchIndex: true,
  });
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.port, host: config.host });
  for (const [fields, message] of startupReport(config, store.opened, {
    guides: await countPublished(store.db),
    referenceEntries: bundledCatalog().size,
  }))
    app.log.info(fields, message);
}

/** What a start did, in the words an operator reads first: where the data is, what was loaded, where to look. */
export function startupReport(
  config: Pick<Config, 'dbFile' | 'databaseUrl' | 'publicUrl'>,
  opened: OpenReport,
  counts: { guides: number; referenceEntries: number },
): [Record<string, unknown>, string][] {
  const location = storageLocation(config);
  const database = location.server
    ? `PostgreSQL at ${location.server}`
    : (location.file ?? config.databaseUrl ?? '');
  const { migrations } = opened;
  return [
    [
      { database, migrations },
      migrations.length === 0
        ? `Database ${database} opened; its schema is up to date`
        : `Database ${database}: ${migrations.length} migration(s) applied (${migrations.join(', ')})`,
    ],
    ...(opened.contentLoaded
      ? [[{}, 'Bundled guides loaded into the database'] as [Record<string, unknown>, string]]
      : []),
    [
      counts,
      `Serving ${counts.guides.toLocaleString('en')} published guides and ${counts.referenceEntries.toLocaleString('en')} reference entries`,
    ],
    [{ url: config.publicUrl }, `Open ${config.publicUrl}`],
  ];
}
