#!/usr/bin/env node
// Entry point of the `clinicops` command. The server is TypeScript run through tsx, so there is
// no separate server build; `start` also builds the web app when its sources are newer.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildWebIfStale() {
  const built = path.join(root, 'web/dist/index.html');
  const sources = [path.join(root, 'web/src'), path.join(root, 'contracts/src')];
  const stale = !existsSync(built) || Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
  if (!stale) return;
  process.stdout.write('[clinicops] building the web app...\n');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const argv = process.argv.slice(2);
if (argv[0] === 'start') buildWebIfStale();
register();
const { main } = await import('../server/src/cli.ts');
await main(argv);
