// The table a run prints: one row per rate and target, then the highest rate each target held.

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : value === Infinity ? 'lost' : '-');

/** Whether a step was held: at least 95 % of the rate sent, every message delivered once, p99 within the limit. */
export function held(result, p99Limit) {
  return result.sentPerSecond >= 0.95 * result.rate
    && result.lost === 0
    && result.duplicates === 0
    && result.misdelivered === 0
    && result.p99 <= p99Limit;
}

export function table(results, p99Limit) {
  const header = ['msg/s', 'target', 'sent/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'lost', 'refused',
    'server µs/msg', 'PostgreSQL µs/msg', 'other cores', 'held'];
  const rows = results.map((r) => [
    String(r.rate),
    r.target,
    fixed(r.sentPerSecond, 0),
    fixed(r.p50, 2),
    fixed(r.p95, 2),
    fixed(r.p99, 2),
    fixed(r.max, 2),
    `${r.lost}${r.duplicates || r.misdelivered ? ` (+${r.duplicates} twice, ${r.misdelivered} wrong socket)` : ''}`,
    String(Object.values(r.errors).reduce((a, b) => a + b, 0)),
    fixed(r.serverMicros, 0),
    fixed(r.postgresMicros, 0),
    fixed(r.otherCores, 2),
    held(r, p99Limit) ? 'yes' : 'no',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const right = (c) => c !== 1 && c !== 12;
  const line = (cells) => `| ${cells.map((cell, c) => (right(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (right(c) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function summary(results, targets, p99Limit) {
  const lines = [`Highest rate held (p99 <= ${p99Limit} ms, nothing lost, >= 95 % of the rate sent):`];
  for (const target of targets) {
    const best = results.filter((r) => r.target === target && held(r, p99Limit)).map((r) => r.rate);
    lines.push(`  ${target}: ${best.length ? `${Math.max(...best)} msg/s` : 'none of the rates'}`);
  }
  const one = targets.find((t) => /^Haven 1 node/.test(t));
  const cross = targets.find((t) => /^Haven \d+ nodes/.test(t));
  if (one && cross) {
    const ratios = [];
    for (const r of results.filter((x) => x.target === cross)) {
      const base = results.find((x) => x.target === one && x.rate === r.rate);
      if (base) {
        const a = r.serverMicros + r.postgresMicros;
        const b = base.serverMicros + base.postgresMicros;
        ratios.push(`${r.rate} msg/s ${fixed(a / b, 2)}`);
      }
    }
    lines.push(`CPU per message (servers + PostgreSQL), ${cross} / ${one}: ${ratios.join(', ') || '-'}`);
  }
  return lines.join('\n');
}
