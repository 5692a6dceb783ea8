// Every performance goal in one command (docs/benchmarks.md): --runs runs of the chat delivery harness
// (run.mjs, with conversations that hold a long history) and one run of the capacity harness (capacity.mjs,
// itself --runs runs of each measure), one after the other as child processes. Each child's output is echoed
// and kept in <out>/<part>-<i>.log, its figures in <out>/*.json; the machine's load average is recorded
// before each child and its wall time after. At the end it prints the median and spread of every measure
// beside its goal and the reference measured in the same runs, and writes them to <out>/summary.md and
// <out>/summary.json (rewritten after every child, so an interrupted command keeps what it measured).
// A Ctrl-C or a failure stops the child that is running; each harness stops what it started itself.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './lib/options.mjs';
import { runHarness, start } from './lib/processes.mjs';
import { markdown, summarize } from './lib/summary.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

const DEFAULTS = {
  runs: 3,
  parts: 'chat,capacity',
  history: 100000,
  'history-pairs': 10,
  'chat-options': '',
  'capacity-options': '',
  out: '',
  'goal-rate': 3000,
  'mid-rate': 1000,
  'busy-cores': 0.3,
};

const HELP = `Usage: bench/all.sh [--option value ...]

Runs every performance goal's harness in turn and prints one summary: the median of the runs, their spread
(lowest-highest), the goal, and the reference measured in the same runs.

  --runs N                 chat runs, and capacity.mjs's --runs (default 3)
  --parts LIST             any of chat,capacity (default both)
  --history N              earlier messages loaded into the first --history-pairs conversations of each chat
                           run (default 100000)
  --history-pairs K        conversations with that history (default 10)
  --chat-options "..."     more options for run.mjs, split on spaces (bench/run.sh --help), e.g. for a smoke run
                           "--pairs 20 --rates 100,200 --step-seconds 3 --warmup-rates 100 --warmup-seconds 2"
  --capacity-options "..." more options for capacity.mjs, split on spaces (bench/capacity.sh --help)
  --out DIR                where the logs, JSON and summary go (default bench/results/<UTC time>; a relative
                           DIR is taken from bench/)
  --goal-rate R            the rate of the "held" goal and of the p99 rows (default 3000 msg/s)
  --mid-rate R             the rate of the CPU-per-message row and of a history row (default 1000 msg/s)
  --busy-cores C           a run is flagged "busy at start" when the machine's CPU, measured over the 3 s
                           before it began (/proc/stat), was above C cores (default 0.3): other work was
                           running. The load average is recorded too, but it still counts the previous run

Each chat run is: node run.mjs --history N --history-pairs K --json <out>/chat-<i>.json [--chat-options]
(its defaults otherwise: 500 pairs, 250-3000 msg/s, raw relay, durable relay and Haven). The capacity run
is: node capacity.mjs --runs N --json <out>/capacity.json [--capacity-options]. Options given in
--chat-options or --capacity-options come last and win. The default command takes about an hour.
`;

const log = (message) => console.log(`[all] ${message}`);
const split = (text) => text.split(/\s+/).filter(Boolean);

function parse(argv) {
  const options = parseArgs(argv, DEFAULTS, HELP);
  options.parts = options.parts.split(',').map((s) => s.trim()).filter(Boolean);
  for (const part of options.parts) {
    if (!['chat', 'capacity'].includes(part)) {
      throw new Error(`Unknown part ${part}: chat or capacity`);
    }
  }
  options['chat-options'] = split(options['chat-options']);
  options['capacity-options'] = split(options['capacity-options']);
  for (const key of ['chat-options', 'capacity-options']) {
    if (options[key].some((arg) => arg === '--json' || arg.startsWith('--json='))) {
      throw new Error(`--${key} may not set --json: the command writes it to --out`);
    }
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) {
    throw new Error('--runs needs a whole number of at least 1');
  }
  return options;
}

/** One child harness, its output echoed and kept in `logFile`; resolves with what it took and how it ended. */
/** Cores the whole machine used over `ms`, from /proc/stat (null where there is none). */
async function machineBusyCores(ms = 3000) {
  const read = () => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = fields[3] + (fields[4] || 0);
      return { idle, total: fields.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  if (!a || !b || b.total === a.total) {
    return null;
  }
  return Number(((1 - (b.idle - a.idle) / (b.total - a.total)) * cpus().length).toFixed(2));
}

async function runChild({ part, index, args, logFile, records, busyCores }) {
  const busy = await machineBusyCores();
  const record = {
    part, index,
    startedAt: new Date().toISOString(),
    load: loadavg().map((l) => Number(l.toFixed(2))),
    busyCores: busy,
    command: `node ${args.join(' ')}`,
    log: logFile,
  };
  records.push(record);
  log(`${part} ${index}: ${record.command}`);
  log(`${part} ${index}: began ${record.startedAt}, load average ${record.load.join(' ')}, machine busy ${busy ?? '-'} cores${busy !== null && busy > busyCores ? ' (busy at start: other work is running)' : ''}`);
  const t0 = performance.now();
  writeFileSync(logFile, `# ${record.command}\n# began ${record.startedAt}, load average ${record.load.join(' ')}\n`);
  // A harness gets two minutes to stop PostgreSQL, the nodes and the relays it started before it is killed.
  const child = start(`${part} ${index}`, process.execPath, args, { cwd: HERE, log: logFile, echo: true, graceMillis: 120_000 });
  const { code, signal } = await child.exited;
  record.wallSeconds = (performance.now() - t0) / 1000;
  record.exitCode = code ?? signal;
  log(`${part} ${index}: ended after ${record.wallSeconds.toFixed(0)} s, ${signal ? `signal ${signal}` : `exit code ${code}`}`);
  return record;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

async function main() {
  const options = parse(process.argv.slice(2));
  const began = Date.now();
  const stamp = new Date(began).toISOString().slice(0, 19).replace(/:/g, '-') + 'Z';
  const out = resolve(HERE, options.out || join('results', stamp));
  mkdirSync(out, { recursive: true });
  const command = `bench/all.sh ${process.argv.slice(2).map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`.trim();
  log(`${options.parts.join(' and ')}; ${options.runs} runs; ${cpus().length} cores; results in ${out}`);

  const records = [];
  const chat = [];
  let capacity = null;
  const write = () => {
    const summary = summarize({
      chat, capacity, runs: records, goalRate: options['goal-rate'], midRate: options['mid-rate'], busyCores: options['busy-cores'],
      wallSeconds: (Date.now() - began) / 1000, command, out,
    });
    const text = markdown(summary);
    writeFileSync(join(out, 'summary.md'), text);
    writeFileSync(join(out, 'summary.json'), JSON.stringify({ ...summary, children: records }, null, 2));
    return text;
  };

  if (options.parts.includes('chat')) {
    for (let i = 1; i <= options.runs; i++) {
      const json = join(out, `chat-${i}.json`);
      const record = await runChild({
        part: 'chat', index: i, logFile: join(out, `chat-${i}.log`), records, busyCores: options['busy-cores'],
        args: ['run.mjs', '--history', String(options.history), '--history-pairs', String(options['history-pairs']), '--json', json, ...options['chat-options']],
      });
      // run.mjs exits 1 also when a message arrived twice; its figures are then still written and count.
      chat.push({ index: i, json: readJson(json) });
      write();
      if (!existsSync(json)) {
        throw new Error(`chat run ${i} ended without figures (exit ${record.exitCode}): see ${record.log}; the summary of the runs before it is in ${out}`);
      }
    }
  }
  if (options.parts.includes('capacity')) {
    const json = join(out, 'capacity.json');
    const record = await runChild({
      part: 'capacity', index: 1, logFile: join(out, 'capacity-1.log'), records, busyCores: options['busy-cores'],
      args: ['capacity.mjs', '--runs', String(options.runs), '--json', json, ...options['capacity-options']],
    });
    capacity = readJson(json);
    write();
    if (!capacity) {
      throw new Error(`the capacity run ended without figures (exit ${record.exitCode}): see ${record.log}; the chat runs' summary is in ${out}`);
    }
  }

  const text = write();
  console.log(`\n${text}`);
  log(`written: ${join(out, 'summary.md')}, ${join(out, 'summary.json')}`);
  if (records.some((r) => r.exitCode !== 0)) {
    process.exitCode = 1;
  }
}

await runHarness('all', main);
