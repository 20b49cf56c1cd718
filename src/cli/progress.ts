/**
 * Progress of a long command on stderr. On a terminal one line is redrawn in place (at most every
 * 100 ms); elsewhere (logs, pipes, CI) a plain line is written at each quarter, so logs stay short.
 */
export interface ProgressSink {
  /** Writes text as it is (no newline added). */
  write: (text: string) => void;
  isTTY: boolean;
}

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the display: the redrawn line is cleared on a terminal. */
  end(): void;
}

const REDRAW_MS = 100;

export function progress(
  label: string,
  unit: string,
  sink: ProgressSink,
  now: () => number = () => performance.now(),
): Progress {
  let lastDraw = -Infinity;
  let lastQuarter = -1;
  let drawn = false;
  const text = (done: number, total: number) =>
    `${label}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} ${unit} (${total === 0 ? 100 : Math.floor((done / total) * 100)}%)`;
  return {
    update(done, total) {
      if (sink.isTTY) {
        const t = now();
        if (t - lastDraw < REDRAW_MS && done < total) return;
        lastDraw = t;
        drawn = true;
        sink.write(`\r\x1b[2K${text(done, total)}`);
        return;
      }
      const quarter = total === 0 ? 4 : Math.floor((done / total) * 4);
      if (quarter === lastQuarter || (quarter === 0 && done !== 0)) return;
      lastQuarter = quarter;
      sink.write(`${text(done, total)}\n`);
    },
    end() {
      if (sink.isTTY && drawn) sink.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
