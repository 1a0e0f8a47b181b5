/**
 * A progress bar for long explorations, on a terminal only: redrawn in place on stderr at most
 * ten times a second, so it never mixes with the result on stdout.
 */
export interface Progress {
  update(done: number, phase: 'search' | 'shrink'): void;
  finish(): void;
}

export const NO_PROGRESS: Progress = { update() {}, finish() {} };

export function terminalProgress(total: number, write: (s: string) => void, now: () => number = () => performance.now()): Progress {
  let last = -Infinity;
  let drawn = false;
  const width = 30;
  return {
    update(done, phase) {
      const t = now();
      if (t - last < 100) return;
      last = t;
      drawn = true;
      if (phase === 'shrink') {
        write(`\r\x1b[Kshrinking the counterexample… ${done} run(s)`);
        return;
      }
      const filled = Math.min(width, Math.round((done / Math.max(1, total)) * width));
      write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} runs`);
    },
    finish() {
      if (drawn) write('\r\x1b[K');
    },
  };
}
