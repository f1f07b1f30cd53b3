import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const PYTHON = process.env.SESSIONSCOPE_PYTHON ?? '/usr/bin/python3';
const REPO = fileURLToPath(new URL('../', import.meta.url));

export interface FlaskDemo {
  url: string;
  process: ChildProcess;
  /** What the server printed before `listening <port>` (the pairing banner). */
  banner: string;
  stop(): Promise<void>;
}

/**
 * Starts demo-flask/server.py (the Flask demo with the Sessionscope adapter) on a free port with
 * the given keys; resolves once it printed `listening <port>`.
 */
export async function startFlaskDemo({
  store = 'cookie',
  keys,
  env = {},
  script = 'demo-flask/server.py',
  args = ['--store', store, '--port', '0'],
  timeoutMs = 20_000,
}: {
  store?: 'cookie' | 'redis' | 'filesystem';
  keys?: string[];
  env?: Record<string, string>;
  /** Another Flask app that prints `listening <port>` (fixtures/flask-app/app.py takes the port alone). */
  script?: string;
  args?: string[];
  timeoutMs?: number;
} = {}): Promise<FlaskDemo> {
  const child = spawn(PYTHON, [`${REPO}${script}`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(keys ? { SESSIONSCOPE_KEYS: keys.join(',') } : {}), ...env },
  });
  let stderr = '';
  let banner = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script}: no "listening <port>" within ${timeoutMs} ms; stderr: ${stderr}`)),
        timeoutMs,
      );
      child.once('error', (e) => reject(e));
      child.once('exit', (code) => reject(new Error(`${script} exited (${code}); stderr: ${stderr}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /^listening (\d+)$/.exec(line.trim());
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        } else banner += `${line}\n`;
      });
    });
    return { url: `http://127.0.0.1:${port}`, process: child, banner, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
