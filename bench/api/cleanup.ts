// Clean-up runs once, in reverse order, on success, failure or Ctrl-C. Importing this module
// installs the SIGINT/SIGTERM handlers.
import { say } from './settings.js';

const cleanups: { label: string; fn: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | null = null;
let interrupted = false;

/** Registers a clean-up step; steps run last-registered first. */
export function onCleanUp(label: string, fn: () => Promise<unknown>): void {
  cleanups.push({ label, fn });
}

export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const c = cleanups.pop();
      if (!c) break;
      try {
        await c.fn();
      } catch (err) {
        say(`clean-up "${c.label}" failed: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}

/** True once SIGINT or SIGTERM arrived (the failure it causes is then not reported). */
export const wasInterrupted = () => interrupted;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    say(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}
