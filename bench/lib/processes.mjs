// Child processes of a run and their CPU time. Every child starts in its own process group and is
// stopped with its group when the run ends, fails or is interrupted (Ctrl-C), so nothing outlives the harness.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set();
const cleanups = [];
let stopping = null;

/**
 * Starts a command in its own process group; its output goes to `log` (a file), or is inherited; with `echo`
 * to both. `graceMillis`: how long stopAll() waits after SIGTERM before SIGKILL (a harness run as a child
 * needs time to stop its own children).
 */
export function start(name, command, args, { env, cwd, log, echo, graceMillis } = {}) {
  const out = log ? createWriteStream(log, { flags: 'a' }) : null;
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', out ? 'pipe' : 'inherit', out ? 'pipe' : 'inherit'],
  });
  if (out) {
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    if (echo) {
      child.stdout.pipe(process.stdout);
      child.stderr.pipe(process.stderr);
    }
  }
  child.benchName = name;
  child.graceMillis = graceMillis;
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('error', (error) => console.error(`[bench] ${name} could not start: ${error.message}`));
  children.add(child);
  child.exited.then(() => children.delete(child));
  return child;
}

/** Runs a command to its end; rejects unless it exits with 0. */
export async function run(name, command, args, options) {
  const child = start(name, command, args, options);
  const { code, signal } = await child.exited;
  if (code !== 0) {
    throw new Error(`${name} failed (${signal ?? `exit code ${code}`})${options?.log ? `: see ${options.log}` : ''}`);
  }
}

/** Stops one child and its group: SIGTERM, then SIGKILL after `graceMillis`. */
export async function stop(child, graceMillis = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMillis);
  await child.exited;
  clearTimeout(timer);
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Work to do at the end of the run (after the children are stopped), in reverse order of registration. */
export function onCleanup(action) {
  cleanups.push(action);
}

/** Stops every child and runs the clean-ups, once. */
export function stopAll() {
  stopping ??= (async () => {
    await Promise.all([...children].map((child) => stop(child, child.graceMillis)));
    for (const action of cleanups.reverse()) {
      try {
        await action();
      } catch (error) {
        console.error(`[bench] clean-up: ${error.message}`);
      }
    }
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    console.error(`\n[bench] ${signal}: stopping everything`);
    await stopAll();
    process.exit(130);
  });
}

export const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime (+ cutime + cstime of reaped children when `withReaped`) of a process, in clock ticks; 0 if gone. */
export function processTicks(pid, withReaped = false) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3 of stat(5)): utime is field 14, stime 15, cutime 16, cstime 17
    const own = Number(fields[11]) + Number(fields[12]);
    return withReaped ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0;
  }
}

/** CPU ticks of a Java process's JIT compiler threads (C1 and C2); 0 for any other process. */
export function compilerTicks(pid) {
  let ticks = 0;
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const task of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (/^C[12] CompilerThre/.test(name)) {
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      // the thread ended meanwhile
    }
  }
  return ticks;
}

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/**
 * CPU ticks of a process tree: the root with the children it has reaped (PostgreSQL's backends that ended)
 * and every live descendant.
 */
export function treeTicks(root) {
  const byParent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) {
      const parent = parentOf(entry);
      if (!byParent.has(parent)) {
        byParent.set(parent, []);
      }
      byParent.get(parent).push(Number(entry));
    }
  }
  let ticks = processTicks(root, true);
  const queue = [...(byParent.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.pop();
    ticks += processTicks(pid);
    queue.push(...(byParent.get(pid) ?? []));
  }
  return ticks;
}

/** Busy and total ticks of the whole machine (all cores), from /proc/stat. */
export function machineTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0);
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** A TCP port free on loopback just now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs a harness's main: a failure is printed (its stack with BENCH_DEBUG=1) and exits 1; everything started is stopped. */
export async function runHarness(tag, main) {
  try {
    await main();
  } catch (error) {
    console.error(`[${tag}] ${process.env.BENCH_DEBUG ? error.stack : error.message}`);
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

/**
 * A run's directory under the system's temporary one, with `logs/` in it: removed at the end of a run that
 * called succeeded(), kept (and named) after a failure or with `keep`.
 */
export function runDirectory(prefix, { keep, log }) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // PostgreSQL runs as another user when the harness runs as root
  mkdirSync(join(dir, 'logs'));
  let failed = true;
  onCleanup(() => {
    if (failed || keep) {
      log(`logs and data kept in ${dir}`);
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return { dir, logFile: (name) => join(dir, 'logs', `${name}.log`), succeeded: () => { failed = false; } };
}
