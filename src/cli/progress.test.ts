import { describe, expect, it } from 'vitest';
import { progress } from './progress.ts';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { written, sink: { isTTY, write: (t: string) => void written.push(t) } };
}

describe('progress', () => {
  it('writes a plain line at the start and at each quarter when not on a terminal', () => {
    const { written, sink: s } = sink(false);
    const p = progress('Building', 'pages', s);
    for (let done = 0; done <= 1000; done++) p.update(done, 1000);
    p.end();
    expect(written).toEqual([
      'Building: 0 of 1,000 pages (0%)\n',
      'Building: 250 of 1,000 pages (25%)\n',
      'Building: 500 of 1,000 pages (50%)\n',
      'Building: 750 of 1,000 pages (75%)\n',
      'Building: 1,000 of 1,000 pages (100%)\n',
    ]);
  });

  it('redraws one line at most every 100 ms on a terminal, always shows the end, then clears it', () => {
    const { written, sink: s } = sink(true);
    let t = 0;
    const p = progress('Importing', 'guides', s, () => t);
    p.update(0, 3);
    t = 50;
    p.update(1, 3); // too soon: skipped
    t = 150;
    p.update(2, 3);
    t = 160;
    p.update(3, 3); // the last one is always drawn
    p.end();
    expect(written).toEqual([
      '\r\x1b[2KImporting: 0 of 3 guides (0%)',
      '\r\x1b[2KImporting: 2 of 3 guides (66%)',
      '\r\x1b[2KImporting: 3 of 3 guides (100%)',
      '\r\x1b[2K',
    ]);
  });

  it('reads an empty task as done', () => {
    const { written, sink: s } = sink(false);
    progress('Exporting', 'guides', s).update(0, 0);
    expect(written).toEqual(['Exporting: 0 of 0 guides (100%)\n']);
  });
});
