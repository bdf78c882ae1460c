#!/usr/bin/env node
// Runs the compiled CLI (dist/server/cli.js) in this process, building it first when it is
// missing or older than its sources: one node process, no TypeScript loader at run time.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildServerIfNeeded, SERVER_OUTPUT } from './build-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await buildServerIfNeeded(root);
await import(pathToFileURL(path.join(root, SERVER_OUTPUT)).href);
