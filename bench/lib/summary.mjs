// The summary of bench/all.sh: every performance goal over several runs of run.mjs (chat delivery) and
// capacity.mjs (one node's capacity), as the median and spread of the runs beside the goal and the reference
// measured in the same runs. Pure functions of the harnesses' --json files, so that they can be tested alone.

import { held } from './report.mjs';

export const HAVEN = 'Haven 1 node';
export const DURABLE = 'durable relay';

/** References reported in the issue that set the capacity goals (docs/benchmarks.md, "One node's capacity"). */
const ISSUE = {
  startup: '14.2 s median',
  '/messages': { perSecond: '95 req/s', p99: '1.03 s' },
  sockets: 'stopped at 8,188',
  heap: '579 KiB',
};

// ---------------------------------------------------------------------------------------------------------
// Numbers

/** Median, lowest and highest of the finite-or-infinite numbers in `values` (null and NaN left out). */
export function stats(values) {
  const sorted = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) {
    return null;
  }
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, low: sorted[0], high: sorted[n - 1], n };
}

/** A number for the table: '-' when missing, `infinite` ('lost') when infinite. */
export function fmt(value, digits = 0, infinite = 'lost') {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '-';
  }
  if (value === Infinity) {
    return infinite;
  }
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "median (lowest-highest)", or the one value, or '-'; `digits` may be a formatting function instead. */
export function spread(values, digits = 0, unit = '', infinite = 'lost') {
  const s = stats(values);
  if (!s) {
    return '-';
  }
  const f = typeof digits === 'function' ? digits : (v) => fmt(v, digits, infinite);
  return s.n > 1 && f(s.low) !== f(s.high) ? `${f(s.median)}${unit} (${f(s.low)}-${f(s.high)})` : `${f(s.median)}${unit}`;
}

/** JSON writes Infinity (a percentile that fell on a lost message) as null: read it back as such. */
function p(value, lost) {
  return value === null || value === undefined ? (lost > 0 ? Infinity : null) : value;
}

function step(r) {
  return { ...r, p99: p(r.p99, r.lost), p50: p(r.p50, r.lost) };
}

// ---------------------------------------------------------------------------------------------------------
// Chat

/** The targets of the chat runs, in the order the first run that has them lists them. */
function targetsOf(chat) {
  const names = [];
  for (const run of chat) {
    for (const r of run.json?.results ?? []) {
      if (!names.includes(r.target)) {
        names.push(r.target);
      }
    }
  }
  return names;
}

/** The highest rate a target held in one run (0: none), under that run's own --p99-limit. */
export function highestHeld(json, target) {
  const limit = json.options?.['p99-limit'] ?? 100;
  const rates = json.results.filter((r) => r.target === target && held(step(r), limit)).map((r) => r.rate);
  return rates.length ? Math.max(...rates) : 0;
}

function ratesOf(json) {
  return json.options?.rates ?? [...new Set(json.results.map((r) => r.rate))];
}

/** A run's step of one target at one rate: the result, or 'skipped' (a lower rate failed badly), or 'not run'. */
function stepAt(json, target, rate) {
  const r = json.results.find((x) => x.target === target && x.rate === rate);
  if (r) {
    return step(r);
  }
  return ratesOf(json).includes(rate) ? 'skipped' : 'not run';
}

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : a > 0 && b === 0 ? Infinity : null);
const list = (values, f) => values.map(f).join(', ');

function chatRows(chat, { goalRate, midRate }) {
  const runs = chat.filter((c) => c.json);
  const rows = [];
  if (!runs.length) {
    return rows;
  }
  const targets = targetsOf(runs);
  const rateText = (v) => (v ? fmt(v) : 'none');
  const limit = runs[0].json.options?.['p99-limit'] ?? 100;

  // Highest rate held.
  const heldBy = Object.fromEntries(targets.map((t) => [t, runs.map((c) => highestHeld(c.json, t))]));
  for (const target of targets) {
    const values = heldBy[target];
    const row = {
      measure: `chat: highest rate held, ${target} (msg/s)`,
      median: spread(values, rateText),
      runs: list(values, rateText),
      goal: '-', reference: '-', met: '-',
      data: { perRun: values },
    };
    if (target === HAVEN) {
      const durable = heldBy[DURABLE];
      const ratios = durable ? values.map((v, i) => ratio(v, durable[i])) : values.map(() => null);
      row.goal = `${fmt(goalRate)} msg/s in each run, and >= 1.5 x the durable relay's rate in the same run`;
      row.reference = durable
        ? `durable relay ${list(durable, rateText)}; Haven / durable per run: ${list(ratios, (r) => fmt(r, 2, 'inf'))}`
        : 'durable relay not run';
      row.met = values.every((v, i) => v >= goalRate && ratios[i] !== null && ratios[i] >= 1.5) ? 'yes' : 'no';
      row.data.durable = durable ?? null;
      row.data.ratios = ratios;
    }
    rows.push(row);
  }

  // p99 at the goal rate.
  for (const target of targets) {
    const steps = runs.map((c) => stepAt(c.json, target, goalRate));
    const values = steps.map((s) => (typeof s === 'string' ? s : s.p99));
    const numeric = values.map((v) => (typeof v === 'string' ? Infinity : v));
    const lost = values.some((v) => v === Infinity);
    const skipped = values.some((v) => typeof v === 'string');
    const row = {
      measure: `chat: p99 at ${fmt(goalRate)} msg/s, ${target} (ms)`,
      median: values.every((v) => typeof v === 'string') ? list([...new Set(values)], String)
        : spread(numeric, 1, '', lost && skipped ? 'lost or skipped' : lost ? 'lost' : 'skipped'),
      runs: list(values, (v) => (typeof v === 'string' ? v : fmt(v, 1))),
      goal: '-', reference: '-', met: '-',
      data: { perRun: values },
    };
    if (target === HAVEN) {
      row.goal = `<= ${limit} ms in each run`;
      const durable = runs.map((c) => stepAt(c.json, DURABLE, goalRate)).map((s) => (typeof s === 'string' ? s : fmt(s.p99, 1)));
      row.reference = `durable relay ${list(durable, String)}`;
      row.met = values.every((v) => typeof v === 'number' && v <= limit) ? 'yes' : 'no';
    }
    rows.push(row);
  }

  // CPU per message at the middle rate: the target's server(s) + PostgreSQL.
  const cpuOf = (target) => runs.map((c) => {
    const s = stepAt(c.json, target, midRate);
    return typeof s === 'string' ? { text: s, total: null } : {
      text: `${fmt(s.serverMicros + s.postgresMicros)} (${fmt(s.serverMicros)} + ${fmt(s.postgresMicros)})`,
      total: s.serverMicros + s.postgresMicros,
    };
  });
  for (const target of targets) {
    const cpu = cpuOf(target);
    const row = {
      measure: `chat: CPU per message at ${fmt(midRate)} msg/s, ${target}, server + PostgreSQL (µs)`,
      median: spread(cpu.map((c) => c.total), 0),
      runs: list(cpu, (c) => c.text),
      goal: '-', reference: '-', met: '-',
      data: { perRun: cpu.map((c) => c.total) },
    };
    if (target === HAVEN) {
      const durable = targets.includes(DURABLE) ? cpuOf(DURABLE) : null;
      row.goal = '<= the durable relay in each run';
      if (durable) {
        const ratios = cpu.map((c, i) => ratio(c.total, durable[i].total));
        row.reference = `durable relay ${list(durable, (d) => fmt(d.total))}, median ${spread(durable.map((d) => d.total), 0)}; `
          + `Haven / durable per run: ${list(ratios, (r) => fmt(r, 2, 'inf'))}`;
        row.met = cpu.every((c, i) => c.total !== null && durable[i].total !== null && c.total <= durable[i].total) ? 'yes' : 'no';
        row.data.durable = durable.map((d) => d.total);
      } else {
        row.reference = 'durable relay not run';
        row.met = 'no';
      }
    }
    rows.push(row);
  }

  // Lost and duplicated, over every measured step of every run.
  for (const target of targets) {
    const per = runs.map((c) => c.json.results.filter((r) => r.target === target)
      .reduce((a, r) => ({ lost: a.lost + r.lost, twice: a.twice + r.duplicates, wrong: a.wrong + r.misdelivered, steps: a.steps + 1 }),
        { lost: 0, twice: 0, wrong: 0, steps: 0 }));
    const total = per.reduce((a, x) => ({ lost: a.lost + x.lost, twice: a.twice + x.twice, wrong: a.wrong + x.wrong, steps: a.steps + x.steps }),
      { lost: 0, twice: 0, wrong: 0, steps: 0 });
    rows.push({
      measure: `chat: messages lost / twice / wrong socket, ${target}, all steps of all runs`,
      median: `total ${total.lost} / ${total.twice} / ${total.wrong} (${total.steps} steps)`,
      runs: list(per, (x) => `${x.lost}/${x.twice}/${x.wrong}`),
      goal: '0',
      reference: '-',
      met: total.lost + total.twice + total.wrong === 0 ? 'yes' : 'no',
      data: { perRun: per, total },
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Conversations with a long history against the others (Haven 1 node)

function historyAt(json, rate) {
  const s = stepAt(json, HAVEN, rate);
  if (typeof s === 'string') {
    return { text: s };
  }
  if (!s.history) {
    return { text: 'no history' };
  }
  const h = p(s.history.p99, 1);
  const f = p(s.history.freshP99, 1);
  const r = Number.isFinite(h) && Number.isFinite(f) && f > 0 ? h / f : null;
  return { history: h, fresh: f, ratio: r, text: `${fmt(h, 1)} / ${fmt(f, 1)} = ${fmt(r, 2)}` };
}

function historyRow(label, cells, goal) {
  const ratios = cells.map((c) => c.ratio ?? null);
  return {
    measure: `history: p99 with history / the others' (ms) and their ratio, ${label}`,
    median: cells.some((c) => c.ratio !== undefined)
      ? `${spread(cells.map((c) => c.history ?? null), 1)} / ${spread(cells.map((c) => c.fresh ?? null), 1)} = ${spread(ratios, 2)}`
      : '-',
    runs: list(cells, (c) => c.text),
    goal: goal ? 'ratio <= 1.20 (within 20 %) in each run' : '-',
    reference: '-',
    met: !goal ? '-' : cells.length && cells.every((c) => typeof c.ratio === 'number' && c.ratio <= 1.2) ? 'yes' : 'no',
    data: { perRun: cells },
  };
}

function historyRows(chat, { midRate }) {
  const runs = chat.filter((c) => c.json);
  if (!runs.some((c) => c.json.results.some((r) => r.target === HAVEN && r.history))) {
    return runs.length ? [{ measure: 'history: conversations with history against the others', median: '-', runs: 'no run reported history (--history 0?)', goal: 'ratio <= 1.20', reference: '-', met: '-', data: {} }] : [];
  }
  const rates = [...new Set(runs.flatMap((c) => c.json.results.filter((r) => r.target === HAVEN).map((r) => r.rate)))].sort((a, b) => a - b);
  if (!rates.includes(midRate)) {
    rates.push(midRate);
    rates.sort((a, b) => a - b);
  }
  // The goal applies at the middle rate and at the highest rate Haven held; the other rates are shown as they came.
  const rows = rates.map((rate) => historyRow(`at ${fmt(rate)} msg/s`, runs.map((c) => historyAt(c.json, rate)), rate === midRate));
  rows.push(historyRow('at the highest rate Haven held in that run', runs.map((c) => {
    const rate = highestHeld(c.json, HAVEN);
    if (!rate) {
      return { text: 'none held' };
    }
    const cell = historyAt(c.json, rate);
    return { ...cell, text: `${fmt(rate)} msg/s: ${cell.text}` };
  }), true));
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// One node's capacity (capacity.mjs's JSON holds each run; the medians are computed here)

function capacityRows(json) {
  if (!json) {
    return [];
  }
  const rows = [];
  const row = (measure, values, digits, unit, goal, reference, met) => ({
    measure, median: spread(values, digits, unit, 'inf'), runs: values.length ? list(values, (v) => fmt(v, digits, 'inf')) : '-', goal, reference, met,
    data: { perRun: values },
  });
  const all = (values, test) => (values.length ? (values.every(test) ? 'yes' : 'no') : '-');

  const up = (json.startup ?? []).map((r) => r.upSeconds);
  rows.push(row('capacity: start-up, java -jar to /actuator/health UP (s)', up, 2, '', '8 s', ISSUE.startup, all(up, (v) => v <= 8)));
  const context = (json.startup ?? []).map((r) => r.contextSeconds).filter((v) => v !== null && v !== undefined);
  rows.push(row('capacity: start-up, "Started HavenApplication in" (s)', context, 2, '', '-', '-', '-'));

  const pages = [...new Set((json.pages ?? []).map((r) => r.page))];
  for (const page of pages.length ? pages : (json.options?.pages ?? [])) {
    const rs = (json.pages ?? []).filter((r) => r.page === page);
    const connections = json.options?.['page-connections'] ?? '?';
    const perSecond = rs.map((r) => r.perSecond);
    const p99 = rs.map((r) => r.p99);
    rows.push(row(`capacity: ${page}, ${connections} connections (req/s)`, perSecond, 0, '', '1,000 req/s',
      ISSUE[page]?.perSecond ?? '-', all(perSecond, (v) => v >= 1000)));
    rows.push(row(`capacity: ${page}, p99 (ms)`, p99, 1, '', '< 100 ms', ISSUE[page]?.p99 ?? '-', all(p99, (v) => v < 100)));
    const errors = rs.map((r) => r.errors);
    rows.push(row(`capacity: ${page}, errors (non-2xx/3xx and socket errors)`, errors, 0, '', '0', '-', all(errors, (v) => v === 0)));
    rows.push(row(`capacity: ${page}, CPU per request, Haven (ms)`, rs.map((r) => r.havenMs), 2, '', '-', '-', '-'));
    rows.push(row(`capacity: ${page}, CPU per request, PostgreSQL (ms)`, rs.map((r) => r.postgresMs), 2, '', '-', '-', '-'));
  }

  const sockets = json.sockets ?? [];
  const asked = json.options?.sockets ?? 10000;
  const opened = sockets.map((r) => r.sockets);
  rows.push(row('capacity: idle authenticated sockets opened', opened, 0, '', fmt(asked), ISSUE.sockets,
    all(sockets, (r) => r.sockets >= asked && r.closedEarly === 0)));
  rows.push(row('capacity: sockets closed by the server', sockets.map((r) => r.closedEarly), 0, '', '0', '-', all(sockets, (r) => r.closedEarly === 0)));
  rows.push(row('capacity: time to open them (s)', sockets.map((r) => r.openSeconds), 1, '', '-', '-', '-'));
  const heap = sockets.map((r) => r.heapKiBPerSocket);
  rows.push(row('capacity: live heap per socket, after GC (KiB)', heap, 1, '', '40 KiB', ISSUE.heap, all(heap, (v) => v <= 40)));
  const rss = sockets.map((r) => r.rssKiBPerSocket);
  rows.push(row('capacity: RSS per socket, after GC (KiB)', rss, 1, '', '40 KiB', '-', all(rss, (v) => v <= 40)));
  // The probe's slowest message; NaN (none delivered) is written as null.
  const probe = sockets.map((r) => (r.probeMax === null || r.probeMax === undefined ? (r.probeLost > 0 ? Infinity : null) : r.probeMax));
  const probeRow = row('capacity: a chat while the sockets open, slowest message (ms)', probe.filter((v) => v !== null), 0, '', 'no stall', '-', '-');
  probeRow.runs = sockets.length ? list(sockets, (r, i) => `${fmt(probe[i], 0)} (${r.probeSent} sent, ${r.probeLost} lost)`) : '-';
  rows.push(probeRow);
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// The runs and the machine's load

/** capacity.mjs writes its runs' load as "load average 0.12 0.30 0.41". */
function parseLoad(text) {
  const m = /load average ([\d.]+) ([\d.]+) ([\d.]+)/.exec(text ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function runRows(runs, capacityJson, busyCores) {
  const rows = runs.map((r) => ({
    run: `${r.part} ${r.index}`,
    startedAt: r.startedAt,
    load: r.load,
    wallSeconds: r.wallSeconds ?? null,
    exitCode: r.exitCode ?? null,
    busyCores: r.busyCores ?? null,
    busy: r.busyCores !== null && r.busyCores !== undefined && r.busyCores > busyCores,
  }));
  if (capacityJson) {
    const inner = [
      ...(capacityJson.startup ?? []).map((r) => [`capacity: start-up ${r.run}`, r.load]),
      ...(capacityJson.pages ?? []).map((r) => [`capacity: ${r.page} ${r.run}`, r.load]),
      ...(capacityJson.sockets ?? []).map((r) => [`capacity: sockets ${r.run}`, r.load]),
    ];
    for (const [run, text] of inner) {
      const load = parseLoad(text);
      // Within one capacity run the load average still counts the run's own work before each measure.
      rows.push({ run, startedAt: null, load, busyCores: null, wallSeconds: null, exitCode: null, busy: false });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Everything the summary says. `chat`: [{ index, json }] (json: run.mjs's --json, or null when the run wrote
 * none); `capacity`: capacity.mjs's --json or null; `runs`: [{ part, index, startedAt, load: [1, 5, 15 min],
 * wallSeconds, exitCode }].
 */
export function summarize({ chat = [], capacity = null, runs = [], goalRate = 3000, midRate = 1000, busyCores = 0.3, wallSeconds = null, command = '', out = '' }) {
  const rows = [...chatRows(chat, { goalRate, midRate }), ...historyRows(chat, { midRate }), ...capacityRows(capacity)];
  const runTable = runRows(runs, capacity, busyCores);
  return { command, out, goalRate, midRate, busyCores, wallSeconds, rows, runs: runTable, busy: runTable.filter((r) => r.busy).map((r) => r.run) };
}

function markdownTable(header, rows) {
  const esc = (cell) => String(cell).replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n');
}

const duration = (s) => (s === null || s === undefined ? '-' : `${Math.round(s)} s${s >= 60 ? ` (${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s)` : ''}`);

export function markdown(summary) {
  const lines = ['# Haven: the performance goals', ''];
  if (summary.command) {
    lines.push(`\`${summary.command}\``, '');
  }
  const chatRuns = summary.runs.filter((r) => r.run.startsWith('chat ')).length;
  lines.push(`Median of the runs (lowest-highest); each run's value in run order. Chat: ${chatRuns} run(s) of run.mjs, `
    + `the reference being the relays measured in the same run. Capacity: capacity.mjs's own runs; its references are the issue's.`, '');
  lines.push(markdownTable(['measure', 'median (lowest-highest)', 'each run', 'goal', 'reference', 'goal met'],
    summary.rows.map((r) => [r.measure, r.median, r.runs, r.goal, r.reference, r.met])), '');
  lines.push(`Runs, the machine's load average (1, 5, 15 min) when each began (it still counts the run before), and the cores `
    + `the machine used in the 3 s before it began; above ${summary.busyCores} cores other work was running ("busy at start"):`, '');
  lines.push(markdownTable(['run', 'began (UTC)', 'load average', 'machine busy (cores)', 'wall time', 'exit', 'note'],
    summary.runs.map((r) => [
      r.run,
      r.startedAt ? r.startedAt.replace('T', ' ').slice(0, 19) : '-',
      r.load ? r.load.map((l) => l.toFixed(2)).join(' ') : '-',
      r.busyCores ?? '-',
      duration(r.wallSeconds),
      r.exitCode ?? '-',
      r.busy ? 'busy at start' : '',
    ])), '');
  lines.push(`Busy at start: ${summary.busy.length ? summary.busy.join(', ') : 'none'}.`);
  lines.push(`Whole command: ${duration(summary.wallSeconds)}.`);
  return `${lines.join('\n')}\n`;
}
