import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS } from './harness.ts';

/** A fresh violations list per run; screenshots are overwritten in place. */
export default function setup() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  rmSync(join(SCREENSHOTS, 'a11y-violations.jsonl'), { force: true });
}
