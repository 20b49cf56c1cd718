import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { bundledCatalog } from './catalog/load.ts';
import { snapshotPath } from './search/service.ts';
import { openStore } from './store/open.ts';

/** Opens storage, builds the app and listens on PORT/HOST until SIGINT or SIGTERM. */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const store = await openStore(config);
  const app = await buildApp({
    db: store.db,
    origin: config.publicUrl,
    admin: { staleMonths: config.staleMonths },
    logLevel: config.logLevel,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    searchSnapshot: snapshotPath(config.dbFile, bundledCatalog()),
  });
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
}
