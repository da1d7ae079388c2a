// Questions about what the workbench shows that the extension API cannot answer (which
// walkthrough steps are ticked), put to the driver that runs the browser (driver.js,
// PROBES) through two files in the folder MAILZONE_DRIVER_PROBE names.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WalkthroughStep {
  /** The full step id: `mailzone.mailzone#gettingStarted#openZone`. */
  id: string;
  done: boolean;
}

/** The probe folder, when the suite runs under the driver (run-offline.sh); other launchers have none. */
export function probeDir(): string | undefined {
  return process.env.MAILZONE_DRIVER_PROBE || undefined;
}

let lastId = 0;

async function ask<T>(probe: string, timeoutMs = 20_000): Promise<T> {
  const dir = probeDir();
  if (!dir) throw new Error('MAILZONE_DRIVER_PROBE is not set: the driver cannot be asked');
  const id = ++lastId;
  const request = path.join(dir, 'probe-request.json');
  // Written whole and renamed, so the driver never reads half a request.
  fs.writeFileSync(`${request}.tmp`, JSON.stringify({ id, probe }));
  fs.renameSync(`${request}.tmp`, request);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = JSON.parse(fs.readFileSync(path.join(dir, 'probe-response.json'), 'utf8')) as { id: number; answer?: T; error?: string };
      if (response.id === id) {
        if (response.error) throw new Error(`the driver answered: ${response.error}`);
        return response.answer as T;
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (Date.now() > deadline) throw new Error(`the driver did not answer the ${probe} probe within ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The steps of the walkthrough shown in the workbench, with their ticks. */
export function walkthroughSteps(): Promise<WalkthroughStep[]> {
  return ask<WalkthroughStep[]>('walkthroughSteps');
}
