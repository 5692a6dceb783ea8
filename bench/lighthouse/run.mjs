// Lighthouse on the pages a new client meets first, on a phone (docs/benchmarks.md): the landing page, the
// directory, a therapist's profile, their free times, the client's home and their chat. It starts Haven's
// packaged jar on an empty working directory (demo mode, the embedded PostgreSQL) unless --url names a running
// Haven, brings the demo client to where a new client is (asked the demo therapist for care, accepted, the
// telehealth consent signed, one chat message written) through Haven's own forms, then runs Lighthouse
// (mobile emulation, simulated throttling) --runs times on each page, each run in a fresh headless Chromium.
// It writes summary.md and summary.json (medians, LCP/TBT/CLS, the failing audits with the elements Lighthouse
// names) and each run's report into --out, and prints the table. Haven and Chromium are stopped at the end,
// on failure and on Ctrl-C.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import WebSocket from 'ws';
import { Jar, ensureJar, signIn } from '../lib/haven.mjs';
import { parseArgs } from '../lib/options.mjs';
import { freePort, onCleanup, runDirectory, runHarness, start } from '../lib/processes.mjs';
import { CATEGORIES, digest, markdown, summarizePage, table } from './summary.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');

const DEFAULTS = {
  runs: 3,
  url: '',
  jar: '',
  out: '',
  pages: '',
  chromium: '/usr/bin/chromium',
  'warmup-requests': 5,
  resummarize: '',
  build: false,
  keep: false,
};

const PAGES = ['landing', 'directory', 'results', 'profile', 'booking', 'home', 'chat'];

const HELP = `Usage: bench/lighthouse.sh [--option value ...]

  --runs N              Lighthouse runs of each page; the table gives their median (default 3)
  --url URL             a running Haven (http://localhost:PORT) with the demo accounts, instead of starting one
  --jar FILE            the packaged jar to start (default target/haven-*.jar of this checkout, built if missing)
  --build               package Haven first even if target/haven-*.jar exists
  --out DIR             where summary.md, summary.json and each run's report go (default a new temporary directory)
  --pages LIST          any of ${PAGES.join(',')} (default all)
  --chromium PATH       the Chromium to drive (default /usr/bin/chromium)
  --warmup-requests N   plain GETs of each page before measuring, so that the JVM has compiled it (default 5)
  --keep                keep Haven's working directory (its log, the embedded database) after a successful run
  --resummarize DIR     measure nothing: rewrite DIR's summary.md and summary.json from the reports in DIR/reports
`;

const CLIENT = { email: 'client@demo.haven.test', password: 'demo-client-passphrase', name: 'Casey Client' };
const THERAPIST = { email: 'therapist@demo.haven.test', password: 'demo-therapist-passphrase', totpSecret: 'DEMOTHERAPISTHAVENTOTPSECRETAAAA', name: 'Dr. Robin Reyes' };
const JURISDICTION = 'US-CA';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CSRF = /name="_csrf" value="([^"]+)"/;

const log = (message) => console.log(`[lighthouse] ${message}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const loadNow = () => loadavg().map((l) => l.toFixed(2)).join(' ');

// ---------------------------------------------------------------------------------------------------------
// Haven: the jar on an empty directory, as a new user starts it.

async function startHaven({ jar, dir, logFile }) {
  const port = await freePort();
  // Nothing of the caller's Haven or Spring settings: the embedded default, demo mode on its own (it is "auto").
  const env = { PORT: String(port), HAVEN_DEMO_SMTP_PORT: String(await freePort()), HAVEN_DEMO_SMPP_PORT: '0' };
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('SPRING_') || key.startsWith('HAVEN_')) {
      env[key] = '';
    }
  }
  const work = join(dir, 'haven');
  mkdirSync(work);
  const child = start('haven', 'java', ['-jar', jar], { cwd: work, env, log: logFile });
  const http = `http://localhost:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`Haven exited while starting (see ${logFile})`);
    }
    try {
      const response = await fetch(`${http}/actuator/health`);
      if (response.ok && (await response.json()).status === 'UP') {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 300_000) {
      throw new Error(`Haven was not UP after 5 minutes (see ${logFile})`);
    }
    await sleep(250);
  }
  log(`Haven is up on ${http} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return http;
}

// ---------------------------------------------------------------------------------------------------------
// A person's session over HTTP: a cookie jar, forms with their CSRF token.

class Session {
  constructor(http, cookieHeader = '') {
    this.http = http;
    this.jar = Jar.of(cookieHeader);
  }

  get cookie() {
    return this.jar.header();
  }

  take(response) {
    this.jar.take(response);
  }

  async get(path) {
    const response = await fetch(this.http + path, { redirect: 'manual', headers: this.jar.cookies.size ? { Cookie: this.cookie } : {} });
    this.take(response);
    return { status: response.status, location: response.headers.get('location') ?? '', text: await response.text() };
  }

  /** GETs the form on `formPath` for its CSRF token, then POSTs `form` to `action`; returns status and Location. */
  async submit(formPath, action, form) {
    const page = await this.get(formPath);
    const token = CSRF.exec(page.text)?.[1];
    if (!token) {
      throw new Error(`no form with a CSRF token on ${formPath} (${page.status} ${page.location})`);
    }
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...form, _csrf: token })) {
      for (const v of [value].flat()) {
        body.append(name, v);
      }
    }
    const response = await fetch(this.http + action, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: this.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    this.take(response);
    const text = await response.text();
    return { status: response.status, location: response.headers.get('location') ?? '', text, page: page.text };
  }
}

const pathOf = (location) => (location ? new URL(location, 'http://x').pathname + new URL(location, 'http://x').search : '');
const refusal = (text) => (text.match(/class="error"[^>]*>([\s\S]*?)<\/p>/g) ?? []).map((e) => e.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()).join('; ');

/** The demo therapist's id, from the directory's search results (anonymously when the directory is public). */
async function findTherapist(http, client) {
  const path = `/therapists?jurisdiction=${JURISDICTION}`;
  let page = await new Session(http).get(path);
  const directoryPublic = page.status === 200;
  if (!directoryPublic) {
    page = await client.get(path);
  }
  const link = new RegExp(`href="/therapists/(${UUID})"[^>]*>\\s*${THERAPIST.name.replace(/\./g, '\\.')}`).exec(page.text);
  if (!link) {
    throw new Error(`${THERAPIST.name} is not in the directory's results for ${JURISDICTION} (${path} answered ${page.status})`);
  }
  return { therapistId: link[1], directoryPublic };
}

async function conversationOf(client) {
  const page = await client.get('/messages');
  return new RegExp(`href="/messages/(${UUID})"`).exec(page.text)?.[1] ?? null;
}

/**
 * The state of a new client: the demo client asks the demo therapist for care, the therapist (with a TOTP code)
 * accepts, the client signs the telehealth consent and writes one chat message. A Haven where the client already
 * has a conversation (--url, a second run) keeps it.
 */
async function prepare(http) {
  const client = new Session(http, await signIn(http, CLIENT));
  const { therapistId, directoryPublic } = await findTherapist(http, client);
  log(`demo therapist ${therapistId}; the directory is ${directoryPublic ? 'public' : 'for signed-in people only'}`);
  let conversation = await conversationOf(client);
  if (conversation) {
    log(`the client already has a conversation (${conversation}): no new request for care`);
  } else {
    const form = await client.get(`/care/request/${therapistId}`);
    const modality = /name="modalities"[^>]*value="([A-Z_]+)"/.exec(form.text)?.[1] ?? 'VIDEO';
    const sent = await client.submit(`/care/request/${therapistId}`, `/care/request/${therapistId}`, {
      reason: 'I would like to talk about sleep.', modalities: modality, jurisdiction: JURISDICTION, location: 'Fresno', emergencyContact: 'Alex 555 0100',
    });
    const request = new RegExp(`^/care/requests/(${UUID})`).exec(pathOf(sent.location))?.[1];
    if (sent.status !== 302 || !request) {
      throw new Error(`the request for care was refused (${sent.status} ${sent.location}) ${refusal(sent.text)}`);
    }
    log(`the client asked for care (request ${request})`);
    const therapist = new Session(http, await signIn(http, THERAPIST));
    const accepted = await therapist.submit(`/care/requests/${request}`, `/care/requests/${request}/accept`, { message: '' });
    if (accepted.status !== 302 || !pathOf(accepted.location).startsWith('/care?accepted')) {
      throw new Error(`accepting the request failed (${accepted.status} ${accepted.location}) ${refusal(accepted.text)}`);
    }
    log('the therapist accepted');
    conversation = await conversationOf(client);
    if (!conversation) {
      throw new Error('no conversation on the client\'s /messages after the therapist accepted');
    }
  }
  const consent = await client.get('/consent');
  const version = /name="version" value="(\d+)"/.exec(consent.text)?.[1];
  if (version) {
    const signed = await client.submit('/consent', '/consent', { version, agree: 'true', typedName: CLIENT.name });
    if (signed.status !== 302 || !pathOf(signed.location).startsWith('/consent?signed')) {
      throw new Error(`signing the consent failed (${signed.status} ${signed.location}) ${refusal(signed.text)}`);
    }
    log(`the client signed the telehealth consent (version ${version})`);
  } else {
    log('no consent form to sign on /consent (signed already, or none published)');
  }
  try {
    await chatMessage(http, client.cookie, conversation, 'Hello, I am looking forward to our first session.');
    log('the client wrote one chat message');
  } catch (error) {
    log(`no chat message (${error.message}): the chat page is measured without one`);
  }
  return { client, therapistId, directoryPublic, conversation };
}

/** One chat message over /ws, as the chat page sends it: chat-open, chat-send, until Haven's chat-ack. */
function chatMessage(http, cookie, conversation, text) {
  const url = `${http.replace(/^http/, 'ws')}/ws`;
  return new Promise((resolveSent, reject) => {
    const socket = new WebSocket(url, { headers: { Cookie: cookie, Origin: http }, perMessageDeflate: false });
    const done = (error) => {
      clearTimeout(timer);
      socket.close();
      error ? reject(error) : resolveSent();
    };
    const timer = setTimeout(() => done(new Error('no chat-ack in 30 s')), 30_000);
    const clientId = `lighthouse-${Date.now()}`;
    socket.once('error', done);
    socket.once('unexpected-response', (request, response) => done(new Error(`the socket's handshake answered ${response.statusCode}`)));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'chat-open', id: 'open', conversation })));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'chat-opened') {
        socket.send(JSON.stringify({ type: 'chat-send', id: clientId, conversation, clientId, text }));
      } else if (frame.type === 'chat-ack') {
        done();
      } else if (frame.type === 'error') {
        done(new Error(`${frame.code} ${frame.message ?? ''}`.trim()));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// The pages, and who opens them.

async function pagesToMeasure(http, state, only) {
  const { client, therapistId, conversation } = state;
  const all = [
    { key: 'landing', name: 'Landing', path: '/', public: true },
    { key: 'directory', name: 'Directory', path: '/therapists', public: true },
    { key: 'results', name: 'Directory, search results', path: `/therapists?jurisdiction=${JURISDICTION}`, public: true },
    { key: 'profile', name: 'Therapist profile', path: `/therapists/${therapistId}`, label: '/therapists/{id}', public: true },
    { key: 'booking', name: 'Booking (free times)', path: `/therapists/${therapistId}/times`, label: '/therapists/{id}/times', signedIn: true },
    { key: 'home', name: 'Home (client)', path: '/home', signedIn: true },
    { key: 'chat', name: 'Chat (client)', path: `/messages/${conversation}`, label: '/messages/{id}', signedIn: true },
  ].filter((page) => !only.length || only.includes(page.key));
  for (const page of all) {
    page.public ??= false;
    if (page.signedIn) {
      page.cookie = client.cookie;
      continue;
    }
    // Anonymous first: a public page is measured as a stranger meets it.
    const anonymous = await new Session(http).get(page.path);
    if (anonymous.status >= 300 && anonymous.status < 400 && pathOf(anonymous.location).startsWith('/login')) {
      page.cookie = client.cookie;
      page.note = `Not public in this build (anonymously ${anonymous.status} to ${pathOf(anonymous.location)}): measured signed in as the demo client.`;
    } else if (anonymous.status !== 200) {
      page.note = `Anonymously answered ${anonymous.status}${anonymous.location ? ` to ${pathOf(anonymous.location)}` : ''}.`;
    }
  }
  return all;
}

async function warmUp(http, pages, count) {
  for (const page of pages) {
    const session = new Session(http, page.cookie ?? '');
    for (let i = 0; i < count; i++) {
      await session.get(page.path);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Lighthouse, one fresh Chromium per run.

const browsers = new Set();
onCleanup(async () => {
  await Promise.all([...browsers].map((chrome) => Promise.resolve(chrome.kill()).catch(() => {})));
});

async function lighthouseRun(url, { cookie, chromium }) {
  const chrome = await chromeLauncher.launch({ chromePath: chromium, chromeFlags: CHROME_FLAGS, handleSIGINT: false, logLevel: 'silent' });
  browsers.add(chrome);
  try {
    if (cookie) {
      await setCookies(chrome.port, url, cookie);
    }
    const result = await lighthouse(url, {
      port: chrome.port,
      output: ['json', 'html'],
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) {
      throw new Error(`Lighthouse returned nothing for ${url}`);
    }
    return result;
  } finally {
    browsers.delete(chrome);
    await Promise.resolve(chrome.kill()).catch(() => {});
  }
}

/**
 * Puts the session's cookies in the fresh browser's own jar (Lighthouse keeps cookies between its passes), so
 * that what the page opens itself is signed in too: Lighthouse's extraHeaders reach the page and its resources
 * but not a WebSocket's handshake, which without them was sent to /login.
 */
async function setCookies(port, url, cookieHeader) {
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const origin = new URL(url).origin;
  const cookies = cookieHeader.split(';').map((c) => c.trim()).filter(Boolean).map((c) => {
    const eq = c.indexOf('=');
    return { name: c.slice(0, eq), value: c.slice(eq + 1), url: `${origin}/`, path: '/', httpOnly: true, sameSite: 'Lax' };
  });
  await new Promise((resolveSet, reject) => {
    const socket = new WebSocket(webSocketDebuggerUrl, { perMessageDeflate: false });
    const timer = setTimeout(() => { socket.close(); reject(new Error('Chromium did not set the cookies in 10 s')); }, 10_000);
    socket.once('error', (error) => { clearTimeout(timer); reject(error); });
    socket.once('open', () => socket.send(JSON.stringify({ id: 1, method: 'Storage.setCookies', params: { cookies } })));
    socket.on('message', (data) => {
      const reply = JSON.parse(data.toString());
      if (reply.id === 1) {
        clearTimeout(timer);
        socket.close();
        reply.error ? reject(new Error(`Storage.setCookies: ${reply.error.message}`)) : resolveSet();
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2), DEFAULTS, HELP);
  const only = options.pages.split(',').map((s) => s.trim()).filter(Boolean);
  for (const key of only) {
    if (!PAGES.includes(key)) {
      throw new Error(`Unknown page ${key}: any of ${PAGES.join(',')}`);
    }
  }
  if (!(options.runs >= 1)) {
    throw new Error('--runs needs at least 1');
  }
  if (options.resummarize) {
    resummarize(resolve(options.resummarize));
    return;
  }
  const out = options.out ? resolve(options.out) : mkdtempSync(join(tmpdir(), 'haven-lighthouse-'));
  mkdirSync(join(out, 'reports'), { recursive: true });
  const run = runDirectory('haven-lighthouse-run-', { keep: options.keep, log });
  const started = new Date();
  const load = loadNow();
  log(`load average before: ${load}`);

  let http;
  let target;
  if (options.url) {
    http = options.url.replace(/\/+$/, '');
    target = `running at ${http}`;
  } else {
    const jar = options.jar ? resolve(options.jar) : await ensureJar(ROOT, { build: options.build, log: run.logFile('mvnw-package') });
    if (!jar) {
      throw new Error('no jar: give --jar, or package Haven (./mvnw -B -q -DskipTests package)');
    }
    target = `\`${jar}\`${options.jar ? '' : ` (${gitHead()})`}`;
    log(`starting ${jar}`);
    http = await startHaven({ jar, dir: run.dir, logFile: run.logFile('haven') });
  }
  const state = await prepare(http);
  const pages = await pagesToMeasure(http, state, only);
  await warmUp(http, pages, options['warmup-requests']);

  const chromium = execFileSync(options.chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  let lighthouseVersion = '';
  const results = new Map(pages.map((page) => [page.key, []]));
  // Round after round over the pages, so that a change in the machine's load spreads over all of them.
  for (let round = 1; round <= options.runs; round++) {
    for (const page of pages) {
      const t0 = Date.now();
      const result = await lighthouseRun(http + page.path, { cookie: page.cookie, chromium: options.chromium });
      lighthouseVersion = result.lhr.lighthouseVersion;
      const [json, html] = result.report;
      writeFileSync(join(out, 'reports', `${page.key}-${round}.report.json`), json);
      writeFileSync(join(out, 'reports', `${page.key}-${round}.report.html`), html);
      const d = digest(result.lhr, page.path);
      d.loadBefore = load;
      results.get(page.key).push(d);
      const scores = CATEGORIES.map((c) => `${c} ${d.scores[c] ?? '-'}`).join(', ');
      log(`${page.name} run ${round}/${options.runs}: ${d.error ? `ERROR ${d.error}` : scores}`
        + `; LCP ${Math.round(d.metrics.lcpMs ?? NaN)} ms, TBT ${Math.round(d.metrics.tbtMs ?? NaN)} ms, CLS ${d.metrics.cls?.toFixed(3) ?? '-'}`
        + ` (${((Date.now() - t0) / 1000).toFixed(0)} s, load ${loadNow()})`);
    }
  }

  const summarized = pages.map((page) => {
    const { cookie, ...shown } = page;
    return { ...summarizePage({ ...shown, cookie: Boolean(cookie) }, results.get(page.key)), runDigests: results.get(page.key) };
  });
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})`;
  const summary = {
    title: 'Lighthouse: the pages people meet first, on a phone',
    started: started.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ''),
    machine,
    load,
    loadAfter: loadNow(),
    lighthouseVersion,
    chromium,
    runs: options.runs,
    target,
    directoryPublic: state.directoryPublic,
    pages: summarized,
  };
  writeSummary(out, summary);
  run.succeeded();
}

function writeSummary(out, summary) {
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(out, 'summary.md'), `${markdown(summary)}\n`);
  console.log(`\n${table(summary.pages)}\n`);
  log(`summary.md, summary.json and each run's report (reports/) in ${out}`);
}

/** The summary of an earlier run again, from its reports (after a change to what the summary keeps of them). */
function resummarize(out) {
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  summary.pages = summary.pages.map(({ runDigests, ...page }) => {
    const digests = runDigests.map((old, index) => {
      const lhr = JSON.parse(readFileSync(join(out, 'reports', `${page.key}-${index + 1}.report.json`), 'utf8'));
      return { ...digest(lhr, page.path), loadBefore: old.loadBefore };
    });
    const base = Object.fromEntries(['key', 'name', 'path', 'label', 'public', 'signedIn', 'note', 'cookie'].filter((k) => k in page).map((k) => [k, page[k]]));
    return { ...summarizePage(base, digests), runDigests: digests };
  });
  writeSummary(out, summary);
}

function gitHead() {
  try {
    return execFileSync('git', ['-C', ROOT, 'log', '-1', '--format=%h %cs'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown commit';
  }
}

await runHarness('lighthouse', main);
