// Worker thread entry of the static export: TypeScript sources run through tsx's loader.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./page-worker.ts');
