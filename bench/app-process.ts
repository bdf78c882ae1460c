/**
 * Starts the app in a child process (bench/app-server.ts) on a database URL, for benches that talk
 * HTTP to it: its port, its resident memory as the kernel counts it, and how to stop it.
 * `cpuProfDir`: the child runs with `--cpu-prof` and writes its profile there when stopped;
 * `sqlitePragmas`: set on the app's SQLite connection after it opens (a proposal measured).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppProcess { port: number; pid: number; rssMb(): number; memory(): Promise<NodeJS.MemoryUsage>; cpuMs(): Promise<number>; stop(): Promise<void> }

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app-server.ts');

export function startAppProcess(databaseUrl: string, opts: { cpuProfDir?: string; sqlitePragmas?: readonly string[] } = {}): Promise<AppProcess> {
  const execArgv = ['--import', 'tsx', ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [])];
  const env = { ...process.env, RAPPORT_BENCH_SQLITE_PRAGMAS: (opts.sqlitePragmas ?? []).join(',') };
  const child = fork(SERVER, [databaseUrl], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  /** One question to the app process and its answer (`{<question>: answer}`). */
  const ask = <T>(question: 'memory' | 'cpu') => new Promise<T>((answer) => {
    const on = (msg: unknown) => {
      const value = (msg as Record<string, T | undefined>)[question];
      if (value !== undefined) { child.off('message', on); answer(value); }
    };
    child.on('message', on);
    child.send(question);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before listening`)));
    child.once('message', (m) => {
      const port = (m as { port?: number }).port ?? 0;
      resolve({
        port,
        pid,
        rssMb: () => rssMbOf(pid),
        memory: () => ask<NodeJS.MemoryUsage>('memory'),
        cpuMs: async () => { const c = await ask<NodeJS.CpuUsage>('cpu'); return (c.user + c.system) / 1000; },
        stop: async () => { if (child.connected) child.send('stop'); await exited; },
      });
    });
  });
}

/** VmRSS of a process in MB (Linux), 0 once it is gone. */
export function rssMbOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}
