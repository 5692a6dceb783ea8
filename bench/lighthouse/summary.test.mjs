// node --test bench/lighthouse/summary.test.mjs: the summary of bench/lighthouse.sh on hand-made Lighthouse
// results, shaped as Lighthouse 13 writes them (categories with auditRefs, audits with details).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code, digest, failingAudits, itemLabel, markdown, median, meetsGoal, summarizePage, table } from './summary.mjs';

const node = (selector, snippet) => ({ type: 'node', selector, snippet, nodeLabel: 'x' });

function lhr({ url = 'http://localhost:8080/', performance = 0.98, accessibility = 1, seo = 1, lcp = 1200, contrast = false, description = true } = {}) {
  return {
    finalDisplayedUrl: url,
    lighthouseVersion: '13.5.0',
    runWarnings: [],
    categories: {
      performance: { score: performance, auditRefs: [{ id: 'largest-contentful-paint', group: 'metrics' }, { id: 'render-blocking-insight', group: 'insights' }] },
      accessibility: { score: accessibility, auditRefs: [{ id: 'color-contrast', group: 'a11y-color-contrast' }, { id: 'hidden-one', group: 'hidden' }] },
      'best-practices': { score: 1, auditRefs: [{ id: 'errors-in-console' }] },
      seo: { score: seo, auditRefs: [{ id: 'meta-description' }, { id: 'is-crawlable' }] },
    },
    audits: {
      'largest-contentful-paint': { id: 'largest-contentful-paint', title: 'LCP', score: 0.5, scoreDisplayMode: 'numeric', numericValue: lcp },
      'total-blocking-time': { id: 'total-blocking-time', title: 'TBT', score: 1, scoreDisplayMode: 'numeric', numericValue: 20 },
      'cumulative-layout-shift': { id: 'cumulative-layout-shift', title: 'CLS', score: 1, scoreDisplayMode: 'numeric', numericValue: 0.01 },
      'render-blocking-insight': {
        id: 'render-blocking-insight', title: 'Render blocking requests', score: 0, scoreDisplayMode: 'metricSavings', displayValue: 'Est savings of 150 ms',
        details: { type: 'table', items: [{ url: 'http://localhost:8080/css/haven.css', totalBytes: 6534 }] },
      },
      'color-contrast': {
        id: 'color-contrast', title: 'Background and foreground colors do not have a sufficient contrast ratio.', score: contrast ? 0 : 1, scoreDisplayMode: 'binary',
        details: { type: 'table', items: [{ node: node('main > p.hint', '<p class="hint">') }, { node: node('main > p.hint', '<p class="hint">') }, { node: node('footer a', '<a href="/privacy">') }] },
      },
      'hidden-one': { id: 'hidden-one', title: 'hidden', score: 0, scoreDisplayMode: 'binary' },
      'errors-in-console': { id: 'errors-in-console', title: 'Console errors', score: 1, scoreDisplayMode: 'binary' },
      'meta-description': { id: 'meta-description', title: 'Document does not have a meta description', score: description ? 1 : 0, scoreDisplayMode: 'binary' },
      'is-crawlable': { id: 'is-crawlable', title: 'Page is blocked from indexing', score: 1, scoreDisplayMode: 'binary' },
    },
  };
}

test('median of numbers, ignoring what is not one', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([100, 90]), 95);
  assert.equal(median([null, 7, Number.NaN]), 7);
  assert.equal(median([]), null);
});

test('a run: scores out of 100, the metrics, and the failing audits without metrics or hidden ones', () => {
  const d = digest(lhr({ contrast: true, description: false }), '/');
  assert.equal(d.error, null);
  assert.deepEqual(d.scores, { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 });
  assert.equal(d.metrics.lcpMs, 1200);
  assert.equal(d.metrics.cls, 0.01);
  assert.deepEqual(d.failing.map((a) => a.id), ['render-blocking-insight', 'color-contrast', 'meta-description']);
  const contrast = d.failing.find((a) => a.id === 'color-contrast');
  assert.deepEqual(contrast.items, ['main > p.hint <p class="hint"> (2 times)', 'footer a <a href="/privacy">']);
  assert.equal(contrast.category, 'accessibility');
});

test('a page that ended at /login is an error, not a score', () => {
  const d = digest(lhr({ url: 'http://localhost:8080/login' }), '/home');
  assert.equal(d.error, 'ended at /login instead of /home');
  const page = summarizePage({ name: 'Home', path: '/home' }, [d, digest(lhr({ url: 'http://localhost:8080/home' }), '/home')]);
  assert.equal(page.goodRuns, 1);
  assert.deepEqual(page.errors, ['ended at /login instead of /home']);
  assert.deepEqual(page.scoreRuns.performance, [null, 98]);
  // A trailing slash or the query is the same page.
  assert.equal(digest(lhr({ url: 'http://localhost:8080/therapists?jurisdiction=US-CA' }), '/therapists?jurisdiction=US-CA').error, null);
});

test('a page: the median of its runs, and each audit with the runs it failed in', () => {
  const runs = [
    digest(lhr({ performance: 0.9, lcp: 2000, contrast: true }), '/'),
    digest(lhr({ performance: 0.99, lcp: 1000 }), '/'),
    digest(lhr({ performance: 0.95, lcp: 1500, contrast: true }), '/'),
  ];
  const page = summarizePage({ name: 'Landing', path: '/', public: true }, runs);
  assert.equal(page.scores.performance, 95);
  assert.equal(page.metrics.lcpMs, 1500);
  assert.equal(page.failing.find((a) => a.id === 'color-contrast').runs, 2);
  assert.equal(page.failing.find((a) => a.id === 'render-blocking-insight').runs, 3);
  assert.equal(meetsGoal(page, 'performance'), true);
  assert.equal(meetsGoal(page, 'accessibility'), true);
  assert.equal(meetsGoal({ ...page, scores: { ...page.scores, performance: 94.5 } }, 'performance'), false);
  assert.equal(meetsGoal({ ...page, public: false, scores: { ...page.scores, seo: 58 } }, 'seo'), null);
});

test('the table and summary.md: a miss is marked, its audits listed with their elements', () => {
  const landing = summarizePage({ name: 'Landing', path: '/', public: true }, [digest(lhr({ seo: 0.92, description: false }), '/')]);
  const home = summarizePage({ name: 'Home', path: '/home', cookie: true }, [digest(lhr({ url: 'http://localhost:8080/home', accessibility: 0.95, contrast: true, seo: 0.58 }), '/home')]);
  const lines = table([landing, home]).split('\n');
  assert.equal(lines[2], '| Landing | `/` | no | 98 | 100 | 100 | 92 ✗ | 1,200 ms | 20 ms | 0.010 |');
  assert.equal(lines[3], '| Home | `/home` | client | 98 | 95 ✗ | 100 | 58 | 1,200 ms | 20 ms | 0.010 |');
  const md = markdown({ title: 'T', started: '2026-12-05 18:00:00', machine: '2 cores', load: '1.00 1.00 1.00', lighthouseVersion: '13.5.0', chromium: 'Chromium 150', runs: 1, target: 'jar', pages: [landing, home] });
  assert.match(md, /## Landing \(`\/`\)\n\n- SEO: `meta-description` Document does not have a meta description \(score 0\)/);
  assert.match(md, /- Accessibility: `color-contrast` Background and foreground colors .* \(score 0\)\n {2}- `main > p.hint <p class="hint"> \(2 times\)`\n {2}- `footer a <a href="\/privacy">`/);
  assert.match(md, /Also failing, in a category that meets its goal:\n {2}- Performance: `render-blocking-insight` Render blocking requests \(score 0, Est savings of 150 ms\): `http:\/\/localhost:8080\/css\/haven.css`/);
  // SEO is no goal of a signed-in page: its audits are not listed.
  assert.doesNotMatch(md.split('## Home')[1], /meta-description/);
});

test('items: elements, console messages, resources, request chains; inline code holds backticks', () => {
  assert.equal(itemLabel({ node: node('h1', '<h1>') }), 'h1 <h1>');
  assert.equal(itemLabel({ source: 'network', description: 'WebSocket failed', sourceLocation: { url: 'http://x/js/socket.js', line: 29 } }), 'network: WebSocket failed (http://x/js/socket.js:29)');
  assert.equal(itemLabel({ source: { type: 'source-location', url: 'http://x/robots.txt', line: 4 } }), 'http://x/robots.txt');
  assert.equal(itemLabel({ type: 'network-tree', chains: { a: { url: 'http://x/p', isLongest: true, navStartToEndTime: 90, children: { b: { url: 'http://x/js/a.js?v=1', isLongest: true, navStartToEndTime: 321.4, children: {} } } } } }), '/p → /js/a.js?v=1 (321 ms)');
  assert.equal(itemLabel({ reason: 'Pages with WebSocket cannot enter back/forward cache.', failureType: 'Pending browser support' }), 'Pages with WebSocket cannot enter back/forward cache. (Pending browser support)');
  assert.equal(itemLabel(null), null);
  assert.equal(code('a`b'), '``a`b``');
  assert.equal(code('plain'), '`plain`');
});

test('failing audits of a category that has none', () => {
  assert.deepEqual(failingAudits(lhr(), 'best-practices'), []);
  assert.deepEqual(failingAudits({ categories: {}, audits: {} }, 'seo'), []);
});
