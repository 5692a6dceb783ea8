// Chat delivery under load, outside Haven's JVM (docs/benchmarks.md): starts PostgreSQL (fsync and
// synchronous_commit on), a raw WebSocket relay, a durable relay (PostgreSQL before forwarding) and Haven's
// packaged jar (one node, or several through Redis), seeds client-therapist pairs, drives every target at a
// rising open-loop rate and prints one table. Everything it started is stopped at the end, on failure and
// on Ctrl-C.

import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Fleet, Run } from './lib/load.mjs';
import { ensureJar, havenEnvironment, seed, signInAll, startNode } from './lib/haven.mjs';
import { parseOptions } from './lib/options.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { CLOCK_TICKS, compilerTicks, freePort, machineTicks, onCleanup, runDirectory, runHarness, start, treeTicks } from './lib/processes.mjs';
import { summary, table } from './lib/report.mjs';
import { startSmtpSink } from './lib/smtp-sink.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

/** Haven's limit per person (docs/messaging.md): a bucket of 20 messages refilled at 2 a second. */
const SEND_BURST = 20;
const SEND_REFILL = 2;

const log = (message) => console.log(`[bench] ${message}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A step may draw at most 15 of a person's 20 tokens, so timer jitter never makes a refusal. */
function checkSendBudget(rates, seconds, pairs) {
  for (const rate of rates) {
    const perPerson = rate / (2 * pairs);
    const drawn = seconds * Math.max(0, perPerson - SEND_REFILL);
    if (drawn > SEND_BURST - 5) {
      throw new Error(`${rate} msg/s over ${pairs} pairs is ${perPerson} messages a second per person for ${seconds} s: `
        + `more than Haven lets one person send (bursts of ${SEND_BURST}, then ${SEND_REFILL} a second). Add pairs or lower the rate.`);
    }
  }
}

function redisServer(dir) {
  const onPath = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync);
  if (onPath) {
    return onPath;
  }
  const jar = join(process.env.HOME, '.m2/repository/com/github/codemonstur/embedded-redis/1.4.4/embedded-redis-1.4.4.jar');
  if (!existsSync(jar)) {
    throw new Error('Two nodes need Redis: install redis-server, pass --redis-url, or have embedded-redis 1.4.4 in ~/.m2');
  }
  const binary = join(dir, 'redis-server');
  execFileSync('sh', ['-c', 'unzip -p "$0" redis-server-6.2.6-v5-linux-amd64 > "$1" && chmod +x "$1"', jar, binary]);
  return binary;
}

/** Waits until PostgreSQL uses under 2 % of a core over half a second (at most `maxMillis`). */
async function postgresIdle(pid, maxMillis = 60_000) {
  const deadline = Date.now() + maxMillis;
  for (;;) {
    const before = treeTicks(pid);
    await sleep(500);
    if ((treeTicks(pid) - before) / CLOCK_TICKS / 0.5 < 0.02 || Date.now() > deadline) {
      return;
    }
  }
}

async function measure({ fleet, pids, postgres, rate, seconds, id }) {
  await postgresIdle(postgres.pid);
  await sleep(1000);
  const run = new Run({ id, fleet, rate, seconds });
  const server0 = pids.reduce((sum, pid) => sum + treeTicks(pid), 0);
  const jit0 = pids.reduce((sum, pid) => sum + compilerTicks(pid), 0);
  const pg0 = treeTicks(postgres.pid);
  const machine0 = machineTicks();
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  await run.execute();
  // What the server does after delivering (Haven's event listeners) belongs to this run, not the next one.
  await postgresIdle(postgres.pid);
  const elapsed = (performance.now() - t0) / 1000;
  const serverTicks = pids.reduce((sum, pid) => sum + treeTicks(pid), 0) - server0;
  const jitTicks = pids.reduce((sum, pid) => sum + compilerTicks(pid), 0) - jit0;
  const pgTicks = treeTicks(postgres.pid) - pg0;
  const machine = machineTicks();
  const self = process.cpuUsage(self0);
  const result = run.result();
  result.socketsClosed = fleet.closed ?? 0;
  const perMessage = (ticks) => (ticks / CLOCK_TICKS) * 1e6 / Math.max(result.sent, 1);
  result.serverMicros = perMessage(serverTicks);
  result.jitMicros = perMessage(jitTicks);
  result.postgresMicros = perMessage(pgTicks);
  result.generatorMicros = (self.user + self.system) / Math.max(result.sent, 1);
  const otherTicks = (machine.busy - machine0.busy) - serverTicks - pgTicks - ((self.user + self.system) / 1e6) * CLOCK_TICKS;
  result.otherCores = Math.max(0, otherTicks / CLOCK_TICKS / elapsed);
  return result;
}

function describe(r) {
  const errors = Object.entries(r.errors).map(([code, n]) => `${code} ${n}`).join(', ');
  return `${r.target} ${r.rate} msg/s: sent ${r.sent} at ${r.sentPerSecond.toFixed(0)}/s, delivered ${r.delivered}${r.acked ? `, acknowledged ${r.acked}` : ''}, `
    + `p50 ${r.p50.toFixed(2)} p95 ${r.p95.toFixed(2)} p99 ${r.p99.toFixed(2)} ms, send lag p99 ${r.sendLagP99.toFixed(2)} ms, `
    + `server ${r.serverMicros.toFixed(0)} (of which JIT compilers ${r.jitMicros.toFixed(0)}) + PostgreSQL ${r.postgresMicros.toFixed(0)} µs/msg, generator ${r.generatorMicros.toFixed(0)} µs/msg, `
    + `other programs ${r.otherCores.toFixed(2)} cores${errors ? `, refused: ${errors}` : ''}`
    + `${r.socketsClosed ? `, ${r.socketsClosed} sockets closed by now` : ''}`
    + `${r.history ? `; conversations with history: ${r.history.messages} messages, p50 ${r.history.p50.toFixed(2)} p99 ${r.history.p99.toFixed(2)} ms; `
      + `the others: ${r.history.freshMessages} messages, p50 ${r.history.freshP50.toFixed(2)} p99 ${r.history.freshP99.toFixed(2)} ms` : ''}`;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const began = Date.now();
  const { pairs: pairCount, rates } = options;
  const seconds = options['step-seconds'];
  const nodes = options['haven-nodes'];
  const withHaven = options.targets.includes('haven');
  if ((options['haven-client-urls'].length || options['haven-therapist-urls'].length) && !(withHaven && nodes > 1)) {
    throw new Error('--haven-client-urls and --haven-therapist-urls name the sides of the cross-node target: add --haven-nodes 2');
  }
  if (withHaven) {
    checkSendBudget([...rates, ...options['warmup-rates']], Math.max(seconds, options['warmup-seconds']), pairCount);
  }
  const machine = `${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}, Node ${process.version}`;
  log(`chat delivery: ${pairCount} pairs, ${rates.join(', ')} msg/s, ${seconds} s a step; ${machine}`);

  const { dir, logFile, succeeded } = runDirectory('haven-bench-', { keep: options.keep, log });

  const postgres = await startPostgres({ dir, port: await freePort(), log: logFile('postgresql') });
  log(`PostgreSQL ${postgres.version} (${postgres.bin}) on port ${postgres.port}, fsync and synchronous_commit on`);
  const smtp = await startSmtpSink();
  onCleanup(() => smtp.close());

  const targets = [];
  const starting = [];
  if (options.targets.includes('raw')) {
    const port = await freePort();
    const child = start('raw relay', process.execPath, [join(HERE, 'servers/raw-relay.mjs'), String(port)], { log: logFile('raw-relay') });
    targets.push({ name: 'raw relay', port, pids: [child.pid], relay: true });
  }
  if (options.targets.includes('durable')) {
    const port = await freePort();
    const child = start('durable relay', process.execPath,
      [join(HERE, 'servers/durable-relay.mjs'), String(port), `postgres://postgres@127.0.0.1:${postgres.port}/relay`],
      { log: logFile('durable-relay'), env: { BENCH_RELAY_POOL: String(options['relay-pool']) } });
    targets.push({ name: 'durable relay', port, pids: [child.pid], relay: true });
  }

  let people = [];
  if (withHaven) {
    const jar = await ensureJar(ROOT, { build: options.build, log: logFile('package') });
    let redisUrl = '';
    if (nodes > 1) {
      redisUrl = options['redis-url'];
      if (!redisUrl) {
        const port = await freePort();
        start('Redis', redisServer(dir), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { log: logFile('redis') });
        redisUrl = `redis://127.0.0.1:${port}`;
      }
      log(`Redis at ${redisUrl}`);
    }
    const ports = [];
    for (let n = 0; n < nodes; n++) {
      ports.push(await freePort());
    }
    const baseUrl = `http://localhost:${ports[0]}`;
    const env = havenEnvironment({ postgres, smtpPort: smtp.port, baseUrl, redisUrl });
    const havenTargets = nodes > 1 ? 2 : 1;
    log(`seeding ${pairCount * havenTargets} pairs (Maven, profile benchmark) while ${nodes} Haven node(s) start from ${jar}`);
    const javaOptions = options['java-options'].split(/\s+/).filter(Boolean);
    // Both run Flyway on the empty database at once: its lock in PostgreSQL lets one migrate, the other wait.
    const [seeded, ...started] = await Promise.all([
      seed(ROOT, {
        env, count: pairCount * havenTargets, out: join(dir, 'pairs.json'), log: logFile('seeding'), offline: !options.online,
        history: options.history, historyPairs: options.history ? options['history-pairs'] : 0,
      }),
      ...ports.map((port, n) => startNode({ jar, name: `haven-${String.fromCharCode(97 + n)}`, port, env, dir, javaOptions, log: logFile(`haven-${String.fromCharCode(97 + n)}`) })),
    ]);
    people = seeded;
    log(`Haven ready on ${started.map((s) => s.http).join(', ')}; ${seeded.length} pairs seeded after ${((Date.now() - began) / 1000).toFixed(0)} s`);
    const origin = baseUrl;
    const headers = (person) => ({ Cookie: person.cookie, Origin: origin });
    const one = people.slice(0, pairCount);
    targets.push({
      name: 'Haven 1 node', pids: [started[0].pid], haven: true, pairs: one,
      url: () => started[0].ws, http: () => started[0].http, headers,
    });
    if (nodes > 1) {
      const clientUrls = options['haven-client-urls'].length ? options['haven-client-urls'] : started.filter((_, n) => n % 2 === 0).map((s) => s.ws);
      const therapistUrls = options['haven-therapist-urls'].length ? options['haven-therapist-urls'] : started.filter((_, n) => n % 2 === 1).map((s) => s.ws);
      const httpOf = (ws) => ws.replace(/^ws/, 'http').replace(/\/ws$/, '');
      const urlFor = (pair, side) => (side === 0 ? clientUrls[pair % clientUrls.length] : therapistUrls[pair % therapistUrls.length]);
      targets.push({
        name: `Haven ${nodes} nodes`, pids: started.map((s) => s.pid), haven: true, pairs: people.slice(pairCount),
        url: urlFor, http: (pair, side) => httpOf(urlFor(pair, side)), headers,
      });
    }
    for (const target of targets.filter((t) => t.haven)) {
      const t0 = Date.now();
      await signInAll(target.pairs, (index, side) => target.http(index, side === 'client' ? 0 : 1));
      log(`${target.name}: ${target.pairs.length * 2} people signed in in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }

  // The relays get the first N pairs' conversations (they only pass them on); without Haven, made-up ones.
  const relayPairs = people.length
    ? people.slice(0, pairCount)
    : Array.from({ length: pairCount }, (_, i) => ({ conversation: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
  for (const target of targets) {
    target.fleet = target.relay
      ? new Fleet({ name: target.name, pairs: relayPairs, haven: false, urlFor: (pair, side) => `ws://127.0.0.1:${target.port}/?pair=${pair}&side=${side}`, headersFor: () => ({}) })
      : new Fleet({
        name: target.name, pairs: target.pairs, haven: true, urlFor: target.url,
        headersFor: (pair, side) => target.headers(side === 0 ? target.pairs[pair].client : target.pairs[pair].therapist),
      });
    for (let attempt = 0; ; attempt++) {
      try {
        await target.fleet.open();
        break;
      } catch (error) {
        // A relay may still be binding its port.
        target.fleet.close();
        if (!target.relay || attempt > 20) {
          throw error;
        }
        await sleep(250);
      }
    }
    onCleanup(() => target.fleet.close());
    log(`${target.name}: ${target.fleet.sockets.length} sockets open`);
  }

  let id = 0;
  const warmups = options['warmup-rates'].filter((rate) => rate <= Math.max(...rates));
  for (const target of targets) {
    for (const rate of warmups) {
      const r = await measure({ fleet: target.fleet, pids: target.pids, postgres, rate, seconds: options['warmup-seconds'], id: ++id });
      log(`warm-up ${describe(r)}`);
    }
  }
  const results = [];
  const skipping = new Set();
  for (const rate of rates) {
    // Interleaved: each rate on every target in turn, so that drift of the machine hits all alike.
    for (const target of targets) {
      if (skipping.has(target.name)) {
        log(`${target.name} ${rate} msg/s: skipped (a lower rate was far from held)`);
        continue;
      }
      const r = await measure({ fleet: target.fleet, pids: target.pids, postgres, rate, seconds, id: ++id });
      results.push(r);
      log(describe(r));
      if (!options['no-skip'] && (r.p99 > 10 * options['p99-limit'] || r.lost > 0.01 * r.messages)) {
        skipping.add(target.name);
      }
    }
  }

  const names = targets.map((t) => t.name);
  console.log(`\nChat delivery, ${machine}; PostgreSQL ${postgres.version}, fsync and synchronous_commit on; `
    + `${pairCount} pairs per target, ${seconds} s a step, open loop.`);
  console.log('Latency: from a message\'s due time to its arrival at the other party (nearest rank; lost messages count as infinitely late).');
  console.log('CPU per message sent: the target\'s server process(es), and PostgreSQL (all its processes), from /proc.\n');
  console.log(table(results, options['p99-limit']));
  console.log(`\n${summary(results, names, options['p99-limit'])}`);
  for (const r of results.filter((x) => x.history)) {
    console.log(`${r.target} ${r.rate} msg/s: the ${options['history-pairs']} conversations holding ${options.history} earlier messages `
      + `p50 ${r.history.p50.toFixed(1)} ms, p99 ${r.history.p99.toFixed(1)} ms (${r.history.messages} messages); the others `
      + `p50 ${r.history.freshP50.toFixed(1)} ms, p99 ${r.history.freshP99.toFixed(1)} ms (${r.history.freshMessages})`);
  }
  console.log(`Whole run ${((Date.now() - began) / 1000).toFixed(0)} s.`);
  if (options.json) {
    writeFileSync(options.json, JSON.stringify({ machine, postgres: postgres.version, options, results }, null, 2));
  }
  if (results.some((r) => r.duplicates || r.misdelivered)) {
    console.error('[bench] some messages arrived twice or at the wrong socket: see the table');
    process.exitCode = 1;
  }
  succeeded();
}

await runHarness('bench', main);
