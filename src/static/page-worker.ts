/**
 * A worker thread of the static export: builds its own app over the same database, then exports the
 * batches of pages the main thread sends (an empty batch means done). Started through
 * page-worker.mjs, which registers the TypeScript loader first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../store/db.ts';
import { PageExporter, type ExportSpec } from './build.ts';

/** Where a worker finds the database and how the main thread's app was built. */
export interface WorkerSource {
  dbFile: string;
  databaseUrl: Config['databaseUrl'];
  origin: string;
  searchSnapshot?: string;
}

export interface PageWorkerData {
  source: WorkerSource;
  spec: ExportSpec;
}

/** Paths to export; none when the work is done. */
export type PageWorkerRequest = string[];

export type PageWorkerReply =
  | { type: 'ready' }
  | { type: 'done'; count: number; files: number; failed: { path: string; status: number }[] };

async function main(port: NonNullable<typeof parentPort>, { source, spec }: PageWorkerData) {
  const store = await openDatabase(source);
  const app = await buildApp({
    db: store.db,
    origin: source.origin,
    admin: false,
    searchSnapshot: source.searchSnapshot,
  });
  const exporter = new PageExporter(app, spec);
  port.on('message', (paths: PageWorkerRequest) => {
    void (async () => {
      if (paths.length === 0) {
        port.close();
        await app.close();
        await store.close();
        return;
      }
      const before = exporter.files;
      const failed: { path: string; status: number }[] = [];
      await Promise.all(
        paths.map(async (path) => {
          const status = await exporter.page(path);
          if (status !== 200) failed.push({ path, status });
        }),
      );
      port.postMessage({
        type: 'done',
        count: paths.length,
        files: exporter.files - before,
        failed,
      } satisfies PageWorkerReply);
    })();
  });
  port.postMessage({ type: 'ready' } satisfies PageWorkerReply);
}

if (parentPort) await main(parentPort, workerData as PageWorkerData);
