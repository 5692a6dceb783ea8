// node --test bench/lib/summary.test.mjs: the summary of bench/all.sh on hand-made --json files, shaped as
// run.mjs and capacity.mjs write them (JSON turns an infinite percentile, a lost message's, into null).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highestHeld, markdown, spread, stats, summarize } from './summary.mjs';

const step = (target, rate, p99, extra = {}) => ({
  target, rate, messages: rate * 10, sent: rate * 10, sentPerSecond: rate, delivered: rate * 10, acked: 0,
  lost: 0, duplicates: 0, misdelivered: 0, errors: {}, p50: p99 / 4, p95: p99 / 2, p99, max: p99 * 2,
  serverMicros: 500, postgresMicros: 300, ...extra,
});

const history = (p99, freshP99) => ({ history: { messages: 100, p50: 1, p99, freshMessages: 900, freshP50: 1, freshP99 } });

function chatRun({ haven3000, durable3000 = 300, havenCpu = 600 }) {
  return {
    machine: 'test', postgres: '18', options: { rates: [1000, 3000], 'p99-limit': 100 },
    results: [
      step('raw relay', 1000, 5),
      step('durable relay', 1000, 20, { serverMicros: 400, postgresMicros: 400 }),
      step('Haven 1 node', 1000, 30, { serverMicros: havenCpu, postgresMicros: 100, ...history(33, 30) }),
      step('raw relay', 3000, 8),
      step('durable relay', 3000, durable3000),
      ...(haven3000 === 'skipped' ? [] : [step('Haven 1 node', 3000, haven3000, history(90, 60))]),
    ],
  };
}

test('median and spread', () => {
  assert.deepEqual(stats([3, 1, 2]), { median: 2, low: 1, high: 3, n: 3 });
  assert.equal(stats([1, 4]).median, 2.5);
  assert.equal(stats([null, NaN]), null);
  assert.equal(spread([3000, 2000, 3000]), '3,000 (2,000-3,000)');
  assert.equal(spread([5, 5]), '5');
  assert.equal(spread([5.41, 5.44], 1), '5.4');
  assert.equal(spread([]), '-');
});

test('a lost percentile (null in JSON) does not count as held', () => {
  const json = chatRun({ haven3000: 50 });
  json.results[5] = { ...json.results[5], p99: null, lost: 40, delivered: 29960 };
  assert.equal(highestHeld(json, 'Haven 1 node'), 1000);
  assert.equal(highestHeld(json, 'durable relay'), 1000);
  assert.equal(highestHeld(json, 'raw relay'), 3000);
});

test('chat rows: held, ratio to the durable relay, p99, CPU, lost, history', () => {
  const s = summarize({
    chat: [{ index: 1, json: chatRun({ haven3000: 50 }) }, { index: 2, json: chatRun({ haven3000: 'skipped' }) }, { index: 3, json: chatRun({ haven3000: 80 }) }],
    runs: [1, 2, 3].map((i) => ({ part: 'chat', index: i, startedAt: '2026-12-05T10:00:00.000Z', load: [i === 2 ? 1.2 : 0.1, 0.2, 0.3], busyCores: i === 2 ? 0.9 : 0.05, wallSeconds: 100, exitCode: 0 })),
  });
  const row = (m) => s.rows.find((r) => r.measure.startsWith(m));
  const heldHaven = row('chat: highest rate held, Haven 1 node');
  assert.equal(heldHaven.runs, '3,000, 1,000, 3,000');
  assert.equal(heldHaven.median, '3,000 (1,000-3,000)');
  assert.match(heldHaven.reference, /durable relay 1,000, 1,000, 1,000; Haven \/ durable per run: 3.00, 1.00, 3.00/);
  assert.equal(heldHaven.met, 'no');
  assert.equal(row('chat: p99 at 3,000 msg/s, Haven 1 node').runs, '50.0, skipped, 80.0');
  assert.equal(row('chat: p99 at 3,000 msg/s, durable relay').runs, '300.0, 300.0, 300.0');
  const cpu = row('chat: CPU per message at 1,000 msg/s, Haven 1 node');
  assert.equal(cpu.runs, '700 (600 + 100), 700 (600 + 100), 700 (600 + 100)');
  assert.equal(cpu.met, 'yes');
  assert.equal(row('chat: messages lost / twice / wrong socket, Haven 1 node').met, 'yes');
  assert.equal(row('history: p99 with history / the others\' (ms) and their ratio, at 1,000 msg/s').runs, '33.0 / 30.0 = 1.10, 33.0 / 30.0 = 1.10, 33.0 / 30.0 = 1.10');
  const atHeld = row('history: p99 with history / the others\' (ms) and their ratio, at the highest rate');
  assert.equal(atHeld.runs, '3,000 msg/s: 90.0 / 60.0 = 1.50, 1,000 msg/s: 33.0 / 30.0 = 1.10, 3,000 msg/s: 90.0 / 60.0 = 1.50');
  assert.equal(atHeld.met, 'no');
  assert.deepEqual(s.busy, ['chat 2']);
  assert.match(markdown(s), /\| chat 2 \| 2026-12-05 10:00:00 \| 1.20 0.20 0.30 \| 0.9 \| 100 s \(1 min 40 s\) \| 0 \| busy at start \|/);
});

test('capacity rows come from each run; a missing field prints "-"', () => {
  const capacity = {
    options: { pages: ['/home'], 'page-connections': 16, sockets: 10000 },
    startup: [{ run: 1, load: 'load average 0.10 0.20 0.30', upSeconds: 20, contextSeconds: 15 }, { run: 2, load: 'load average 0.90 0.20 0.30', upSeconds: 22, contextSeconds: null }],
    pages: [{ page: '/home', run: 1, load: 'load average 0.1 0.1 0.1', perSecond: 300, p99: 90, errors: 0, havenMs: 3, postgresMs: 2 }],
    sockets: [],
  };
  const s = summarize({ capacity, runs: [{ part: 'capacity', index: 1, startedAt: '2026-12-05T10:00:00Z', load: [0.1, 0.1, 0.1], wallSeconds: 60, exitCode: 0 }] });
  const row = (m) => s.rows.find((r) => r.measure.startsWith(m));
  assert.equal(row('capacity: start-up, java').median, '21.00 (20.00-22.00)');
  assert.equal(row('capacity: start-up, java').met, 'no');
  assert.equal(row('capacity: start-up, "Started').runs, '15.00');
  assert.equal(row('capacity: /home, 16 connections').median, '300');
  assert.equal(row('capacity: /home, p99').met, 'yes');
  assert.equal(row('capacity: live heap per socket').median, '-');
  // Inside a capacity run the load average counts the run's own earlier work: not a flag.
  assert.deepEqual(s.busy, []);
});
