import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportContent, exportPath } from '../src/guides/export.ts';
import { importContent } from '../src/guides/import.ts';
import { saveWorkingCopy, workingCopy } from '../src/guides/editing.ts';
import { publishedById } from '../src/guides/repository.ts';
import { listFiles, makeDb, makeGuide } from './helpers.ts';

const temp = mkdtempSync(join(tmpdir(), 'errata-export-pending-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('errata export and pending edits', () => {
  it('exports both copies of a published guide with an edit waiting, and imports them back as they were', async () => {
    const guide = makeGuide();
    const db = await makeDb({ bundled: false, guides: [guide] });
    const copy = (await workingCopy(db, guide.id))!;
    await saveWorkingCopy(db, {
      guide: { ...guide, title: 'Access is denied (rewritten, not yet published)' },
      action: 'submit',
      expectedRevision: copy.revision,
      author: 'editor@example.org',
      message: 'Rewrite',
    });

    const first = join(temp, 'first');
    await exportContent(db, first);
    const files = listFiles(first);
    const published = exportPath(guide);
    const pending = published.replace(/\.yaml$/, '.pending.yaml');
    expect(files).toEqual([published, pending].sort());
    expect(readFileSync(join(first, published), 'utf8')).toContain('title: Access is denied\n');
    expect(readFileSync(join(first, pending), 'utf8')).toContain('rewritten, not yet published');
    expect(readFileSync(join(first, pending), 'utf8')).toContain('status: review');

    const empty = await makeDb({ bundled: false });
    await importContent(empty, [first], { format: 'yaml' });
    expect((await publishedById(empty, guide.id))?.guide.title).toBe('Access is denied');
    const back = (await workingCopy(empty, guide.id))!;
    expect(back).toMatchObject({ pendingDraft: true, publicStatus: 'published' });
    expect(back.guide.title).toBe('Access is denied (rewritten, not yet published)');
    expect(back.guide.status).toBe('review');

    const second = join(temp, 'second');
    await exportContent(empty, second);
    expect(listFiles(second)).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(second, file), 'utf8')).toBe(readFileSync(join(first, file), 'utf8'));
    }
  });

  it('refuses a pending edit without its published guide, naming the file', async () => {
    const db = await makeDb({ bundled: false });
    const dir = join(temp, 'lonely');
    const source = await makeDb({ bundled: false, guides: [makeGuide()] });
    const copy = (await workingCopy(source, makeGuide().id))!;
    await saveWorkingCopy(source, {
      guide: copy.guide,
      action: 'save',
      expectedRevision: copy.revision,
      author: 'e@example.org',
      message: 'x',
    });
    await exportContent(source, dir);
    rmSync(join(dir, exportPath(makeGuide())));
    await expect(importContent(db, [dir], { format: 'yaml' })).rejects.toMatchObject({
      code: 'CONTENT_INVALID',
      details: [expect.stringMatching(/\.pending\.yaml.*no published guide/)],
    });
  });
});
