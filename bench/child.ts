/**
 * Child processes of the REST and conference benchmarks: each server under test,
 * load generator and socket holder runs in its own process (an event loop to
 * itself), forked with an IPC channel and driven by small `{ t: … }` messages.
 */
import { ChildProcess, fork } from 'node:child_process';

export interface ChildMessage {
  t: string;
  [field: string]: unknown;
}

const children = new Set<ChildProcess>();

/** Forks `file` (a built .js) with an IPC channel; its output goes to ours. */
export function forkChild(file: string, env: Record<string, string> = {}, execArgv: string[] = []): ChildProcess {
  const child = fork(file, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Sends `message` (unless null) and waits for the child's next message of type `reply`; a `fatal` or an exit rejects. */
export function rpc<T extends { t: string }>(child: ChildProcess, message: ChildMessage | null, reply: string, timeoutMs: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no '${reply}' from child ${child.pid} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: { t: string; message?: string }) => {
      if (m.t === reply) {
        cleanup();
        resolvePromise(m as unknown as T);
      } else if (m.t === 'fatal') {
        cleanup();
        reject(new Error(`child ${child.pid}: ${m.message}`));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (${code}) before '${reply}'`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

/** Asks a child to stop (`stop` → `stopped`), then waits for it to exit; only a stuck child is killed. */
export async function stopChild(child: ChildProcess, stopMessage: ChildMessage = { t: 'stop' }, reply = 'stopped'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  await rpc(child, stopMessage, reply, 15_000).catch(() => undefined);
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill(), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Last resort on the way out (an error): every child this process forked and that still runs. */
export function killChildren(): void {
  for (const child of children) child.kill();
}
