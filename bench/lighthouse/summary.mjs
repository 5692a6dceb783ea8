// The pure half of bench/lighthouse/run.mjs: what to keep of each Lighthouse result (its four category scores,
// three metrics and the audits that fail), the median of the runs of a page, and the markdown table.
// Checked by `node --test bench/lighthouse/summary.test.mjs`.

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

export const CATEGORY_TITLES = {
  performance: 'Performance',
  accessibility: 'Accessibility',
  'best-practices': 'Best practices',
  seo: 'SEO',
};

/** The goal of each category, as a score out of 100: SEO only counts on the public pages. */
export const GOALS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

const METRICS = {
  lcpMs: 'largest-contentful-paint',
  tbtMs: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  fcpMs: 'first-contentful-paint',
};

/** The median of numbers (the mean of the middle two for an even count); null when there are none. */
export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) {
    return null;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Where Lighthouse ended up, as a path with its query: "/login" when a page sent it to sign in. */
export function finalPath(lhr) {
  const url = lhr.finalDisplayedUrl ?? lhr.finalUrl ?? lhr.mainDocumentUrl;
  if (!url) {
    return null;
  }
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/** One line for an item of an audit's details: the element (selector and snippet), a resource's URL, or a text. */
export function itemLabel(item) {
  if (!item || typeof item !== 'object') {
    return null;
  }
  const node = item.node?.type === 'node' ? item.node : item.type === 'node' ? item : null;
  if (node) {
    const parts = [node.selector, node.snippet].filter(Boolean);
    const label = parts.join(' ');
    const why = item.node?.explanation ? ` (${firstLine(item.node.explanation)})` : '';
    return label ? clip(label + why, 240) : null;
  }
  if (typeof item.description === 'string' && item.description) {
    // A console message: what it says, and where from.
    const where = item.sourceLocation?.url ?? (typeof item.url === 'string' ? item.url : null);
    return clip(`${item.source ? `${item.source}: ` : ''}${item.description}${where ? ` (${where}${item.sourceLocation?.line !== undefined ? `:${item.sourceLocation.line}` : ''})` : ''}`, 300);
  }
  if (typeof item.reason === 'string' && item.reason) {
    // Why the back/forward cache refused the page.
    return clip(`${item.reason}${item.failureType ? ` (${item.failureType})` : ''}`, 240);
  }
  if (item.type === 'network-tree') {
    return longestChain(item.chains);
  }
  for (const key of ['url', 'source', 'label', 'name']) {
    const value = item[key];
    if (typeof value === 'string' && value) {
      return clip(value, 240);
    }
    if (value && typeof value === 'object' && typeof value.url === 'string') {
      return clip(value.url, 240);
    }
  }
  return null;
}

/** The longest request chain of a network tree, as "a → b → c" (paths only) with its duration. */
function longestChain(chains) {
  const path = [];
  let level = chains;
  let end = null;
  while (level && Object.keys(level).length) {
    const next = Object.values(level).find((c) => c.isLongest) ?? Object.values(level)[0];
    path.push(shortUrl(next.url));
    end = next.navStartToEndTime ?? end;
    level = next.children;
  }
  return path.length ? clip(`${path.join(' → ')}${end !== null ? ` (${Math.round(end)} ms)` : ''}`, 400) : null;
}

function shortUrl(url) {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

function firstLine(text) {
  return String(text).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ');
}

function clip(text, length) {
  const one = String(text).replace(/\s+/g, ' ').trim();
  return one.length > length ? `${one.slice(0, length - 1)}…` : one;
}

/** The items of an audit's details, tables and lists alike (a list holds tables). */
function detailItems(details) {
  if (!details) {
    return [];
  }
  if (details.type === 'list') {
    return (Array.isArray(details.items) ? details.items : []).flatMap((d) => detailItems(d));
  }
  if (details.type === 'list-section') {
    return detailItems(details.value);
  }
  if (details.type === 'network-tree') {
    return [details];
  }
  // Some details (a criticalrequestchain, a debugdata) keep their items as an object, not a list.
  const items = Array.isArray(details.items) ? details.items : [];
  // A table's rows may carry sub-rows (a script's long tasks, an image's elements).
  return items.flatMap((item) => [item, ...(item.subItems?.items ?? [])]);
}

/**
 * The audits of a category that fail: binary audits below 1, numeric and metric-savings ones below 0.9
 * (Lighthouse's own "passed" threshold), metrics and hidden audits left out (the metrics have their own
 * columns). Each with up to `maxItems` of the elements or resources Lighthouse names.
 */
export function failingAudits(lhr, category, maxItems = 5) {
  const refs = lhr.categories?.[category]?.auditRefs ?? [];
  const failing = [];
  for (const ref of refs) {
    if (ref.group === 'metrics' || ref.group === 'hidden') {
      continue;
    }
    const audit = lhr.audits?.[ref.id];
    if (!audit || audit.score === null || audit.score === undefined) {
      continue;
    }
    const mode = audit.scoreDisplayMode;
    if (!['binary', 'numeric', 'metricSavings'].includes(mode)) {
      continue;
    }
    if (audit.score >= (mode === 'binary' ? 1 : 0.9)) {
      continue;
    }
    const labels = detailItems(audit.details).map(itemLabel).filter(Boolean);
    const counts = new Map();
    for (const label of labels) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const items = [...counts].map(([label, n]) => (n > 1 ? `${label} (${n} times)` : label));
    failing.push({
      id: audit.id,
      title: audit.title,
      category,
      score: audit.score,
      displayValue: audit.displayValue ?? null,
      items: items.slice(0, maxItems),
      itemCount: items.length, // distinct ones
    });
  }
  return failing;
}

/** What one Lighthouse run says about a page; `expectedPath` is what was asked for (a redirect elsewhere is an error). */
export function digest(lhr, expectedPath) {
  const ended = finalPath(lhr);
  const scores = {};
  for (const category of CATEGORIES) {
    const score = lhr.categories?.[category]?.score;
    scores[category] = typeof score === 'number' ? Math.round(score * 100) : null;
  }
  const metrics = {};
  for (const [key, id] of Object.entries(METRICS)) {
    const value = lhr.audits?.[id]?.numericValue;
    metrics[key] = typeof value === 'number' ? value : null;
  }
  let error = lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null;
  if (!error && ended !== null && expectedPath && samePath(ended) !== samePath(expectedPath)) {
    error = `ended at ${ended} instead of ${expectedPath}`;
  }
  return {
    finalPath: ended,
    error,
    scores,
    metrics,
    failing: CATEGORIES.flatMap((category) => failingAudits(lhr, category)),
    warnings: lhr.runWarnings ?? [],
  };
}

function samePath(path) {
  return path.replace(/\/+$/, '') || '/';
}

/**
 * The median of a page's runs: each category's and metric's median over the runs without an error, and every
 * audit that failed in any of them with the number of runs it failed in (its items from the first such run).
 */
export function summarizePage(page, runs) {
  const good = runs.filter((r) => !r.error);
  const scores = {};
  for (const category of CATEGORIES) {
    scores[category] = median(good.map((r) => r.scores[category]));
  }
  const metrics = {};
  for (const key of Object.keys(METRICS)) {
    metrics[key] = median(good.map((r) => r.metrics[key]));
  }
  const audits = new Map();
  for (const run of good) {
    for (const audit of run.failing) {
      const seen = audits.get(audit.id);
      if (seen) {
        seen.runs += 1;
        seen.scores.push(audit.score);
      } else {
        audits.set(audit.id, { ...audit, runs: 1, scores: [audit.score] });
      }
    }
  }
  return {
    ...page,
    runs: runs.length,
    goodRuns: good.length,
    errors: [...new Set(runs.map((r) => r.error).filter(Boolean))],
    scores,
    metrics,
    scoreRuns: Object.fromEntries(CATEGORIES.map((c) => [c, runs.map((r) => (r.error ? null : r.scores[c]))])),
    failing: [...audits.values()].map(({ scores: auditScores, ...audit }) => ({ ...audit, score: median(auditScores) })),
  };
}

/** Whether a page's category meets its goal: null when it does not apply (SEO on signed-in pages) or has no score. */
export function meetsGoal(page, category) {
  if (category === 'seo' && !page.public) {
    return null;
  }
  const score = page.scores[category];
  return score === null ? null : score >= GOALS[category];
}

/** The audits worth listing under a page: those of a category below its goal (SEO only on public pages). */
export function auditsToList(page) {
  return page.failing.filter((audit) => meetsGoal(page, audit.category) === false);
}

const cell = (page, category) => {
  const score = page.scores[category];
  if (score === null) {
    return page.errors.length ? 'error' : '-';
  }
  const mark = meetsGoal(page, category) === false ? ' ✗' : '';
  return `${Number.isInteger(score) ? score : score.toFixed(1)}${mark}`;
};

/** Text as inline code in markdown (a table's pipe escaped), fenced with more backticks than it holds. */
export function code(text) {
  const ticks = '`'.repeat(Math.max(0, ...(String(text).match(/`+/g) ?? []).map((t) => t.length)) + 1);
  const pad = /^`|`$/.test(text) ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

const ms = (v) => (v === null ? '-' : `${Math.round(v).toLocaleString('en-US')} ms`);
const shift = (v) => (v === null ? '-' : v.toFixed(3));

/** The table of pages: median scores, ✗ where a goal is missed, and the median LCP, TBT and CLS. */
export function table(pages) {
  const lines = [
    '| page | path | signed in | performance | accessibility | best practices | SEO | LCP | TBT | CLS |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const page of pages) {
    lines.push(`| ${page.name} | \`${page.label ?? page.path}\` | ${page.cookie ? 'client' : 'no'} | ${CATEGORIES.map((c) => cell(page, c)).join(' | ')} | ${ms(page.metrics.lcpMs)} | ${ms(page.metrics.tbtMs)} | ${shift(page.metrics.cls)} |`);
  }
  return lines.join('\n');
}

/** summary.md: what was measured, the table, errors, and the failing audits of each page below its goals. */
export function markdown({ title, started, machine, load, lighthouseVersion, chromium, runs, target, pages }) {
  const out = [`# ${title}`, ''];
  out.push(`${started} UTC, ${machine}, load average before: ${load}. Lighthouse ${lighthouseVersion}, ${chromium}, `
    + `mobile emulation with simulated throttling, median of ${runs} run${runs === 1 ? '' : 's'} per page. Haven: ${target}.`, '');
  out.push(`Goals: accessibility ${GOALS.accessibility}, best practices ${GOALS['best-practices']}, performance ≥ ${GOALS.performance}, `
    + `SEO ${GOALS.seo} on the public pages; ✗ marks a miss.`, '');
  out.push(table(pages), '');
  for (const page of pages) {
    const notes = [];
    if (page.note) {
      notes.push(page.note);
    }
    for (const error of page.errors) {
      notes.push(`error: ${error}`);
    }
    const audits = auditsToList(page);
    const others = page.failing.filter((audit) => !audits.includes(audit) && meetsGoal(page, audit.category) !== null);
    if (!notes.length && !audits.length && !others.length) {
      continue;
    }
    out.push(`## ${page.name} (\`${page.label ?? page.path}\`)`, '');
    for (const note of notes) {
      out.push(`${note}`, '');
    }
    for (const audit of audits) {
      const value = audit.displayValue ? `, ${audit.displayValue}` : '';
      const inRuns = page.goodRuns > 1 ? `, in ${audit.runs} of ${page.goodRuns} runs` : '';
      out.push(`- ${CATEGORY_TITLES[audit.category]}: \`${audit.id}\` ${audit.title} (score ${Math.round(audit.score * 100)}${value}${inRuns})`);
      for (const item of audit.items) {
        out.push(`  - ${code(item)}`);
      }
      if (audit.itemCount > audit.items.length) {
        out.push(`  - … ${audit.itemCount - audit.items.length} more`);
      }
    }
    if (others.length) {
      out.push('- Also failing, in a category that meets its goal:');
      for (const audit of others) {
        const value = audit.displayValue ? `, ${audit.displayValue}` : '';
        const inRuns = page.goodRuns > 1 ? `, in ${audit.runs} of ${page.goodRuns} runs` : '';
        out.push(`  - ${CATEGORY_TITLES[audit.category]}: \`${audit.id}\` ${audit.title} (score ${Math.round(audit.score * 100)}${value}${inRuns})${audit.items.length ? `: ${audit.items.map(code).join('; ')}` : ''}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
