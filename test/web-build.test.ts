import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWebStale, WEB_SOURCES } from '../src/server/main.js';

describe('npm start rebuilds a stale web app (issue 10 item 12)', () => {
  it('the bundle is stale when it is missing, or older than the web code, the shared code (entities, translations), the config or the lock file', () => {
    expect(WEB_SOURCES).toEqual(expect.arrayContaining(['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json']));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-build-'));
    try {
      const web = path.join(dir, 'web');
      const shared = path.join(dir, 'shared', 'i18n');
      fs.mkdirSync(shared, { recursive: true });
      fs.mkdirSync(path.join(dir, 'dist'));
      const sources = [web, path.join(dir, 'shared'), path.join(dir, 'vite.config.ts')];
      expect(isWebStale(path.join(dir, 'dist'), sources)).toBe(true);
      const at = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);
      fs.writeFileSync(path.join(shared, 'ko.json'), '{}');
      fs.writeFileSync(path.join(dir, 'vite.config.ts'), '');
      fs.writeFileSync(path.join(dir, 'dist', 'index.html'), '');
      at(path.join(shared, 'ko.json'), 1000);
      at(path.join(dir, 'vite.config.ts'), 1000);
      at(path.join(dir, 'dist', 'index.html'), 2000);
      expect(isWebStale(path.join(dir, 'dist'), sources)).toBe(false);
      at(path.join(shared, 'ko.json'), 3000);
      expect(isWebStale(path.join(dir, 'dist'), sources)).toBe(true);
      at(path.join(dir, 'dist', 'index.html'), 4000);
      at(path.join(dir, 'vite.config.ts'), 5000);
      expect(isWebStale(path.join(dir, 'dist'), sources)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
