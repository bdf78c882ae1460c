import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerIfNeeded, SERVER_OUTPUT } from '../bin/build-server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, SERVER_OUTPUT);

/**
 * Issue 14: `npm start` runs the compiled bundle with plain node. What the source read from files
 * beside itself (translations, the app's version) and what loads on first use (ExcelJS, the
 * report's renderers, in chunks of their own) must work from dist/server too.
 */
describe('the compiled server (dist/server/cli.js)', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  const env = () => {
    const e: NodeJS.ProcessEnv = { ...process.env, RAPPORT_DATA_DIR: dir, PORT: '0' };
    delete e.DATABASE_URL;
    return e;
  };

  beforeAll(async () => {
    await buildServerIfNeeded(ROOT);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-compiled-'));
    server = spawn(process.execPath, [CLI, 'serve'], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      server.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
      server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
    });
  });
  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves, translates and exports from the bundle', async () => {
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const csv = await fetch(`${base}/api/v1/customers/export?format=csv&locale=ko`);
    expect(await csv.text()).toContain('고객명');
    const xlsx = await fetch(`${base}/api/v1/customers/export?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const report = await fetch(`${base}/api/v1/lab/report?format=html&locale=ko`);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('1. 고객 정보 설정');
    const docx = await fetch(`${base}/api/v1/lab/report?format=docx`);
    expect(docx.status).toBe(200);
  });

  it('rapport restore is refused while this server has the database open, with a clear message and exit code 1', () => {
    const backup = path.join(dir, 'backup.db');
    const b = spawnSync(process.execPath, [CLI, 'backup', backup], { cwd: ROOT, env: env(), encoding: 'utf8' });
    expect(b.stdout).toContain(`Backed up to ${backup}`);
    const r = spawnSync(process.execPath, [CLI, 'restore', backup], { cwd: ROOT, env: env(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/rapport\.db is in use .*stop the server first; nothing was changed\./);
  });
});
