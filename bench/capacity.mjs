// What one Haven node holds besides chat (docs/benchmarks.md, "One node's capacity"), measured from outside
// its JVM: the start-up of the embedded default (`java -jar` on an empty directory until /actuator/health
// says UP), signed-in pages under wrk (16 connections, each person their own session), and idle
// authenticated /ws sockets (memory per socket after a GC, and a chat's latency while they open). Each
// measure runs --runs times; the report gives the median and the spread (lowest to highest), with the
// machine's load when each run began. Everything it starts is stopped at the end, on failure and on Ctrl-C.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { ensureJar, havenEnvironment, seed, signIn, startNode } from './lib/haven.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { parseArgs } from './lib/options.mjs';
import { CLOCK_TICKS, compilerTicks, freePort, onCleanup, runDirectory, runHarness, start, stop, treeTicks } from './lib/processes.mjs';
import { startSmtpSink } from './lib/smtp-sink.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

const DEFAULTS = {
  scenarios: 'startup,pages,sockets',
  runs: 3,
  pages: '/messages,/home',
  'page-seconds': 20,
  'page-connections': 16,
  'warmup-max-seconds': 420,
  sockets: 10000,
  'socket-people': 200,
  'java-options': '',
  build: false,
  keep: false,
  online: false,
  json: '',
};

const HELP = `Usage: bench/capacity.sh [--option value ...]

  --scenarios LIST         any of startup,pages,sockets (default all three)
  --runs N                 runs of each measure; the report gives their median and spread (default 3)
  --pages LIST             signed-in pages for wrk (default /messages,/home)
  --page-seconds S         length of each wrk run (default 20)
  --page-connections N     wrk's connections, each with its own signed-in person (default 16)
  --warmup-max-seconds S   pages: load before measuring until the JIT compilers are quiet, at most S (default 420)
  --sockets N              idle authenticated sockets to open on one node (default 10000)
  --socket-people N        people they belong to, each signed in once (default 200)
  --java-options "..."     JVM options of the pages' and sockets' node, e.g. a JFR recording
  --build                  package Haven first even if target/haven-*.jar exists
  --online                 let Maven download what ~/.m2 lacks (the seeding step runs offline otherwise)
  --keep                   keep the run's directory (logs, PostgreSQL's data)
  --json FILE              also write every figure to FILE
`;

const log = (message) => console.log(`[capacity] ${message}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parse(argv) {
  const options = parseArgs(argv, DEFAULTS, HELP);
  options.scenarios = options.scenarios.split(',').map((s) => s.trim()).filter(Boolean);
  options.pages = options.pages.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of options.scenarios) {
    if (!['startup', 'pages', 'sockets'].includes(s)) {
      throw new Error(`Unknown scenario ${s}: startup, pages or sockets`);
    }
  }
  return options;
}

const machineNow = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;

/** Median and spread of numbers, e.g. "7.9 s (7.6-8.4)". */
function spread(values, digits = 1, unit = '') {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const f = (v) => v.toFixed(digits);
  return sorted.length > 1 ? `${f(median)}${unit} (${f(sorted[0])}-${f(sorted[sorted.length - 1])})` : `${f(median)}${unit}`;
}

// ---------------------------------------------------------------------------------------------------------
// Start-up: the embedded default, as a new user runs it.

async function startup({ jar, runs, dir }) {
  const results = [];
  for (let run = 1; run <= runs; run++) {
    const work = mkdtempSync(join(dir, `startup-${run}-`));
    const port = await freePort();
    const load = machineNow();
    const t0 = performance.now();
    const logFile = join(dir, 'logs', `startup-${run}.log`);
    // Nothing but the port (and the demo mail catcher's, so that it cannot meet another Haven's).
    const env = { PORT: String(port), HAVEN_DEMO_SMTP_PORT: String(await freePort()), HAVEN_DEMO_SMPP_PORT: '0' };
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('SPRING_') || key.startsWith('HAVEN_')) {
        env[key] = '';
      }
    }
    const child = start(`startup ${run}`, 'java', ['-jar', jar], { cwd: work, env, log: logFile });
    let up = null;
    while (up === null) {
      if (child.exitCode !== null) {
        throw new Error(`start-up run ${run}: Haven exited (see ${logFile})`);
      }
      try {
        const response = await fetch(`http://127.0.0.1:${port}/actuator/health`);
        if (response.ok && (await response.json()).status === 'UP') {
          up = performance.now() - t0;
        }
      } catch {
        // not listening yet
      }
      if (up === null) {
        if (performance.now() - t0 > 180_000) {
          throw new Error(`start-up run ${run}: not UP after 3 minutes (see ${logFile})`);
        }
        await sleep(50);
      }
    }
    await stop(child, 30_000);
    const text = readFileSync(logFile, 'utf8');
    const started = /Started HavenApplication in ([\d.]+) seconds \(process running for ([\d.]+)\)/.exec(text);
    results.push({ run, load, upSeconds: up / 1000, contextSeconds: started ? Number(started[1]) : null, jvmSeconds: started ? Number(started[2]) : null });
    log(`start-up ${run}: /actuator/health UP after ${(up / 1000).toFixed(2)} s`
      + (started ? ` (Spring context ${started[1]} s, JVM running ${started[2]} s when it was ready)` : '') + `; ${load}`);
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// Signed-in pages under wrk.

function wrk(url, { connections, seconds, script }) {
  const out = execFileSync('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  const ms = (text) => {
    const m = /([\d.]+)(us|ms|s)\b/.exec(text);
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  const line = (label) => (out.split('\n').find((l) => l.trim().startsWith(label)) ?? '');
  return {
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: ms(line('50%')),
    p99: ms(line('99%')),
    errors: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0)
      + (/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)?.slice(1).reduce((a, b) => a + Number(b), 0) ?? 0),
  };
}

async function pages({ node, people, postgres, options, dir }) {
  const cookies = [];
  for (const pair of people.slice(0, options['page-connections'])) {
    cookies.push(await signIn(node.http, pair.client));
  }
  const cookieFile = join(dir, 'cookies.txt');
  writeFileSync(cookieFile, `${cookies.join('\n')}\n`);
  // Each request takes the next person's cookie: with as many people as connections, no two requests in
  // flight share a session, as with people in a practice.
  const script = join(dir, 'people.lua');
  writeFileSync(script, `local cookies = {}
for line in io.lines("${cookieFile}") do cookies[#cookies + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", nil, { Cookie = cookies[(i % #cookies) + 1] })
end
`);
  for (const page of options.pages) {
    const status = (await fetch(node.http + page, { headers: { Cookie: cookies[0] }, redirect: 'manual' })).status;
    if (status !== 200) {
      throw new Error(`${page} answered ${status} to a signed-in person`);
    }
  }
  // Warm-up: every page under load until the JIT compilers use under a tenth of a core, or no less than in the
  // slice before (under load they never stop entirely: about 0.15 cores here), so that the figures are the
  // node's steady state, not its first minutes.
  const t0 = Date.now();
  let previous = Infinity;
  for (let slice = 1; ; slice++) {
    const jit0 = compilerTicks(node.pid);
    const s0 = Date.now();
    for (const page of options.pages) {
      wrk(node.http + page, { connections: options['page-connections'], seconds: 10, script });
    }
    const jitCores = (compilerTicks(node.pid) - jit0) / CLOCK_TICKS / ((Date.now() - s0) / 1000);
    log(`pages warm-up ${slice}: JIT compilers ${jitCores.toFixed(2)} cores`);
    if (jitCores < 0.1 || (slice >= 4 && jitCores >= previous - 0.01) || Date.now() - t0 > options['warmup-max-seconds'] * 1000) {
      break;
    }
    previous = jitCores;
  }
  const results = [];
  for (let run = 1; run <= options.runs; run++) {
    for (const page of options.pages) {
      const load = machineNow();
      const h0 = treeTicks(node.pid);
      const j0 = compilerTicks(node.pid);
      const p0 = treeTicks(postgres.pid);
      const r = wrk(node.http + page, { connections: options['page-connections'], seconds: options['page-seconds'], script });
      const perRequest = (ticks) => (ticks / CLOCK_TICKS) * 1000 / Math.max(r.requests, 1);
      const result = {
        page, run, load, ...r,
        havenMs: perRequest(treeTicks(node.pid) - h0),
        jitMs: perRequest(compilerTicks(node.pid) - j0),
        postgresMs: perRequest(treeTicks(postgres.pid) - p0),
      };
      results.push(result);
      log(`${page} run ${run}: ${r.perSecond.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, `
        + `${r.errors} errors; CPU per request: Haven ${result.havenMs.toFixed(2)} ms (JIT ${result.jitMs.toFixed(2)}), `
        + `PostgreSQL ${result.postgresMs.toFixed(2)} ms; ${load}`);
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// Idle authenticated sockets.

/** Live heap after a full GC (jcmd GC.run, then GC.heap_info's "used"), and the process's RSS, in KiB. */
function memory(pid) {
  execFileSync('jcmd', [String(pid), 'GC.run'], { encoding: 'utf8' });
  const info = execFileSync('jcmd', [String(pid), 'GC.heap_info'], { encoding: 'utf8' });
  const used = Number(/used (\d+)K/.exec(info)?.[1] ?? NaN);
  const committed = Number(/total (\d+)K/.exec(info)?.[1] ?? NaN);
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return { heapKiB: used, committedKiB: committed, rssKiB: rss };
}

function openSocket(url, cookie, conversation, index) {
  return new Promise((resolveSocket, reject) => {
    const socket = new WebSocket(url, { headers: { Cookie: cookie, Origin: url.replace(/^ws/, 'http').replace(/\/ws$/, '') }, perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error(`socket ${index}: no chat-opened in 60 s`)), 60_000);
    socket.once('error', (error) => { clearTimeout(timer); reject(error); });
    socket.once('unexpected-response', (request, response) => { clearTimeout(timer); reject(new Error(`socket ${index}: handshake answered ${response.statusCode}`)); });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'chat-open', id: `open-${index}`, conversation })));
    socket.on('message', function opened(data) {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'chat-opened') {
        clearTimeout(timer);
        socket.off('message', opened);
        socket.on('error', () => {});
        resolveSocket(socket);
      } else if (frame.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`socket ${index}: ${frame.code}`));
      }
    });
  });
}

/**
 * A chat between one pair, one message a second (within Haven's send limit), while the sockets open: the latency of each message
 * from its send to its arrival at the other party. Returns stop() -> sorted latencies in ms.
 */
async function probeChat(node, pair, run) {
  const client = await openSocket(node.ws, pair.client.cookie, pair.conversation, 'probe-client');
  const therapist = await openSocket(node.ws, pair.therapist.cookie, pair.conversation, 'probe-therapist');
  const sent = new Map();
  const latencies = [];
  therapist.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    const key = frame.type === 'chat-item' ? frame.item?.clientId : undefined;
    if (sent.has(key)) {
      latencies.push(performance.now() - sent.get(key));
      sent.delete(key);
    }
  });
  let n = 0;
  const timer = setInterval(() => {
    // A new key in every run: Haven answers a key it has stored before as a resend, without delivering it again.
    const key = `probe-${run}-${Date.now()}-${n++}`;
    sent.set(key, performance.now());
    client.send(JSON.stringify({ type: 'chat-send', id: key, conversation: pair.conversation, clientId: key, text: `Probe ${key}` }));
  }, 1000);
  return {
    async stop() {
      clearInterval(timer);
      await sleep(2000);
      client.close();
      therapist.close();
      return { latencies: latencies.sort((a, b) => a - b), lost: sent.size, sent: n };
    },
  };
}

async function sockets({ node, people, options, run }) {
  const load = machineNow();
  const who = people.slice(0, Math.ceil(options['socket-people'] / 2));
  const persons = who.flatMap((pair) => [{ ...pair.client, conversation: pair.conversation }, { ...pair.therapist, conversation: pair.conversation }])
    .slice(0, options['socket-people']);
  for (let i = 0; i < persons.length; i += 8) {
    await Promise.all(persons.slice(i, i + 8).map(async (p) => { p.cookie = await signIn(node.http, p); }));
  }
  const probePair = people[people.length - 1];
  probePair.client.cookie = await signIn(node.http, probePair.client);
  probePair.therapist.cookie = await signIn(node.http, probePair.therapist);
  const before = memory(node.pid);
  const probe = await probeChat(node, probePair, run);
  const open = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < options.sockets) {
      const index = next++;
      const person = persons[index % persons.length];
      open.push(await openSocket(node.ws, person.cookie, person.conversation, index));
    }
  }));
  const openSeconds = (performance.now() - t0) / 1000;
  const chat = await probe.stop();
  await sleep(2000);
  const after = memory(node.pid);
  const closedEarly = open.filter((s) => s.readyState !== WebSocket.OPEN).length;
  const result = {
    run, load, sockets: open.length, closedEarly, openSeconds,
    heapKiBPerSocket: (after.heapKiB - before.heapKiB) / open.length,
    rssKiBPerSocket: (after.rssKiB - before.rssKiB) / open.length,
    committedKiBPerSocket: (after.committedKiB - before.committedKiB) / open.length,
    before, after,
    probeP99: chat.latencies.length ? chat.latencies[Math.ceil(0.99 * chat.latencies.length) - 1] : NaN,
    probeMax: chat.latencies.length ? chat.latencies[chat.latencies.length - 1] : NaN,
    probeLost: chat.lost,
    probeSent: chat.sent,
  };
  log(`sockets run ${run}: ${open.length} open in ${openSeconds.toFixed(1)} s (${closedEarly} closed by the server); `
    + `live heap ${before.heapKiB} -> ${after.heapKiB} KiB, RSS ${before.rssKiB} -> ${after.rssKiB} KiB: `
    + `${result.heapKiBPerSocket.toFixed(1)} KiB live heap, ${result.committedKiBPerSocket.toFixed(1)} KiB committed heap and ${result.rssKiBPerSocket.toFixed(1)} KiB RSS per socket; `
    + `a chat meanwhile: ${chat.sent} messages, p99 ${result.probeP99.toFixed(1)} ms, max ${result.probeMax.toFixed(1)} ms, ${chat.lost} lost; ${load}`);
  for (const socket of open) {
    socket.terminate();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const options = parse(process.argv.slice(2));
  const began = Date.now();
  const machine = `${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores, ${machineNow()}, Node ${process.version}`;
  log(`${options.scenarios.join(', ')}; ${options.runs} runs each; ${machine}`);
  const { dir, logFile, succeeded } = runDirectory('haven-capacity-', { keep: options.keep, log });
  if (options.scenarios.includes('pages')) {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    } catch (error) {
      if (error.code === 'ENOENT') {
        throw new Error('The pages measure needs wrk on the PATH (Debian: apt-get install wrk), or leave it out: --scenarios startup,sockets');
      }
    }
  }
  const jar = await ensureJar(ROOT, { build: options.build, log: logFile('package') });
  const report = { machine, options, startup: [], pages: [], sockets: [] };

  if (options.scenarios.includes('startup')) {
    report.startup = await startup({ jar, runs: options.runs, dir });
  }

  if (options.scenarios.includes('pages') || options.scenarios.includes('sockets')) {
    const postgres = await startPostgres({ dir, port: await freePort(), log: logFile('postgresql') });
    log(`PostgreSQL ${postgres.version} on port ${postgres.port}, fsync and synchronous_commit on`);
    const smtp = await startSmtpSink();
    onCleanup(() => smtp.close());
    const port = await freePort();
    const env = havenEnvironment({ postgres, smtpPort: smtp.port, baseUrl: `http://localhost:${port}` });
    // Above Tomcat's default of 8,192 connections when more sockets are asked for.
    env.SERVER_TOMCAT_MAX_CONNECTIONS = String(Math.max(10_000, options.sockets + 1_000));
    const pairCount = Math.max(Math.ceil(options['page-connections']), Math.ceil(options['socket-people'] / 2)) + 1;
    const startNodeNow = (name) => startNode({ jar, name, port, env, dir, javaOptions: options['java-options'].split(/\s+/).filter(Boolean), log: logFile(name) });
    log(`seeding ${pairCount} pairs (Maven, profile benchmark)`);
    const [people, first] = await Promise.all([
      seed(ROOT, { env, count: pairCount, out: join(dir, 'pairs.json'), log: logFile('seeding'), offline: !options.online }),
      startNodeNow('haven-pages'),
    ]);
    if (options.scenarios.includes('pages')) {
      report.pages = await pages({ node: first, people, postgres, options, dir });
    }
    await first.stop();
    if (options.scenarios.includes('sockets')) {
      for (let run = 1; run <= options.runs; run++) {
        // A fresh node for each run: its memory before the sockets is the baseline.
        const node = await startNodeNow(`haven-sockets-${run}`);
        report.sockets.push(await sockets({ node, people, options, run }));
        await node.stop();
      }
    }
  }

  console.log(`\nOne node's capacity, ${machine}; median of ${options.runs} runs (lowest-highest).`);
  if (report.startup.length) {
    console.log(`Start-up of the embedded default (java -jar on an empty directory, until /actuator/health is UP): `
      + `${spread(report.startup.map((r) => r.upSeconds), 2, ' s')}; Spring context ${spread(report.startup.map((r) => r.contextSeconds), 2, ' s')}`);
  }
  for (const page of options.pages) {
    const rs = report.pages.filter((r) => r.page === page);
    if (rs.length) {
      console.log(`${page}, ${options['page-connections']} connections (wrk, ${options['page-seconds']} s): ${spread(rs.map((r) => r.perSecond), 0, ' req/s')}, `
        + `p99 ${spread(rs.map((r) => r.p99), 1, ' ms')}, errors ${rs.reduce((a, r) => a + r.errors, 0)}; CPU per request: Haven ${spread(rs.map((r) => r.havenMs), 2, ' ms')}, `
        + `PostgreSQL ${spread(rs.map((r) => r.postgresMs), 2, ' ms')}`);
    }
  }
  if (report.sockets.length) {
    const rs = report.sockets;
    console.log(`Idle authenticated sockets: ${spread(rs.map((r) => r.sockets), 0)} open (${rs.reduce((a, r) => a + r.closedEarly, 0)} closed by the server) in ${spread(rs.map((r) => r.openSeconds), 1, ' s')}; `
      + `per socket ${spread(rs.map((r) => r.heapKiBPerSocket), 1, ' KiB')} live heap, ${spread(rs.map((r) => r.committedKiBPerSocket), 1, ' KiB')} committed heap, ${spread(rs.map((r) => r.rssKiBPerSocket), 1, ' KiB')} RSS; `
      + `a chat while they opened: p99 ${spread(rs.map((r) => r.probeP99), 1, ' ms')}, ${rs.reduce((a, r) => a + r.probeLost, 0)} lost`);
  }
  console.log(`Whole run ${((Date.now() - began) / 1000).toFixed(0)} s.`);
  if (options.json) {
    writeFileSync(options.json, JSON.stringify(report, null, 2));
  }
  succeeded();
}

await runHarness('capacity', main);
