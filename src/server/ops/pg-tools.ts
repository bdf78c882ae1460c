import { spawn } from 'node:child_process';

/**
 * pg_dump and pg_restore, as the PG_DUMP and PG_RESTORE environment variables name
 * them, else from the PATH (they must be at least as new as the server).
 */
const TOOLS = { pg_dump: 'PG_DUMP', pg_restore: 'PG_RESTORE' } as const;
export type PgTool = keyof typeof TOOLS;

/**
 * A connection string without its password, which goes to the tool through PGPASSWORD instead:
 * a password on a command line is visible to every user of the machine (ps).
 */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a tool to the end; its output when it succeeds, its own error message when not. */
export function runPgTool(tool: PgTool, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const command = process.env[TOOLS[tool]] ?? tool;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.once('error', (e: NodeJS.ErrnoException) => {
      reject(new Error(e.code === 'ENOENT' ? `${tool} was not found: install the PostgreSQL client tools (or set ${TOOLS[tool]} to its path)` : `${tool}: ${e.message}`));
    });
    child.once('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${tool} failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim().slice(0, 2000)}`));
    });
  });
}
