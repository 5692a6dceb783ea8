// Haven under test: its packaged jar in its own process (one node, or several sharing PostgreSQL and Redis),
// the seeding of client-therapist pairs through Haven's own services (a Maven step), and signing each person
// in over HTTP as a browser does (the form's CSRF token, then the second step for therapists).

import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, start, stop } from './processes.mjs';

export function findJar(root) {
  const target = join(root, 'target');
  const jar = existsSync(target) ? readdirSync(target).find((f) => /^haven-.*\.jar$/.test(f) && !f.endsWith('-plain.jar')) : null;
  return jar ? join(target, jar) : null;
}

/** The packaged jar, built first (`./mvnw -B -q -DskipTests package`) when there is none or `build` asks. */
export async function ensureJar(root, { build, log }) {
  if (build || !findJar(root)) {
    console.log('[bench] packaging Haven (./mvnw -B -q -DskipTests package)');
    await run('mvnw package', join(root, 'mvnw'), ['-B', '-q', '-DskipTests', 'package'], { cwd: root, log });
  }
  return findJar(root);
}

/** The settings every Haven process of the run shares (nodes and the seeding step). */
export function havenEnvironment({ postgres, smtpPort, baseUrl, redisUrl }) {
  const env = {
    SPRING_DATASOURCE_URL: postgres.jdbcUrl('haven'),
    SPRING_DATASOURCE_USERNAME: 'postgres',
    SPRING_DATASOURCE_PASSWORD: 'postgres',
    HAVEN_CRYPTO_KEYS: `bench=${KEY}`,
    HAVEN_DEMO_MODE: 'off',
    HAVEN_BASE_URL: baseUrl,
    SPRING_MAIL_HOST: '127.0.0.1',
    SPRING_MAIL_PORT: String(smtpPort),
    // Sockets do not keep an HTTP session alive, and Haven closes a socket whose session expired: a long run
    // (many rates, many pairs signing in) would otherwise lose its sockets after the 15 minutes' default.
    HAVEN_SESSION_IDLE_TIMEOUT: '2h',
  };
  if (redisUrl) {
    env.HAVEN_REDIS_URL = redisUrl;
  }
  return env;
}

const KEY = randomBytes(32).toString('base64');

/**
 * Seeds `count` pairs through ChatPairsSeeding (bench/src/java, Maven profile "benchmark"), on the same
 * database as the nodes; returns [{conversation, client: {email, password}, therapist: {..., totpSecret}, history}].
 * With `history`, the first `historyPairs` conversations hold that many earlier messages, all read.
 */
export async function seed(root, { env, count, out, log, offline, history = 0, historyPairs = 0 }) {
  await run('seeding', join(root, 'mvnw'), [
    '-B', '-q', ...(offline ? ['-o'] : []), '-Pbenchmark', 'test', '-Dtest=ChatPairsSeeding',
    '-Dsurefire.failIfNoSpecifiedTests=false', '-Dspring-javaformat.skip=true',
  ], { cwd: root, env: {
    ...env, BENCH_SEED_PAIRS: String(count), BENCH_SEED_OUT: out, BENCH_SEED_HISTORY: String(history), BENCH_SEED_HISTORY_PAIRS: String(historyPairs),
  }, log });
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** Starts one node and waits until it answers; returns { name, port, pid, http, ws, stop() }. */
export async function startNode({ jar, name, port, env, dir, javaOptions, log }) {
  const work = join(dir, name);
  mkdirSync(work, { recursive: true });
  const child = start(name, 'java', [...javaOptions, '-jar', jar], {
    cwd: work,
    env: { ...env, PORT: String(port), HAVEN_NODE_ID: name },
    log,
  });
  const http = `http://localhost:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited while starting (see ${log})`);
    }
    try {
      const response = await fetch(`${http}/actuator/health/readiness`);
      if (response.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${name} did not become ready in 5 minutes (see ${log})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { name, port, pid: child.pid, http, ws: `ws://localhost:${port}/ws`, stop: () => stop(child, 30_000) };
}

/** A cookie jar that follows Set-Cookie. */
export class Jar {
  cookies = new Map();

  /** A jar holding the cookies of a Cookie header, e.g. what signIn returned. */
  static of(cookieHeader = '') {
    const jar = new Jar();
    cookieHeader.split(';').map((c) => c.trim()).filter(Boolean).forEach((c) => {
      const eq = c.indexOf('=');
      jar.cookies.set(c.slice(0, eq), c.slice(eq + 1));
    });
    return jar;
  }

  take(response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || attributes.some((a) => /max-age=0/i.test(a.trim()))) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }

  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const CSRF = /name="_csrf" value="([^"]+)"/;

/** Signs a person in on `http`; returns their Cookie header. */
export async function signIn(http, person) {
  const jar = new Jar();
  const get = async (path) => {
    const response = await fetch(http + path, { redirect: 'manual', headers: { Cookie: jar.header() } });
    jar.take(response);
    const match = CSRF.exec(await response.text());
    if (!match) {
      throw new Error(`no CSRF token on ${path} (${response.status})`);
    }
    return match[1];
  };
  const post = async (path, form) => {
    const response = await fetch(http + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: jar.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    jar.take(response);
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get('location') ?? '' };
  };
  let after = await post('/login', { email: person.email, password: person.password, _csrf: await get('/login') });
  if (after.location.endsWith('/login/2fa')) {
    after = await post('/login/2fa', { code: totp(person.totpSecret), _csrf: await get('/login/2fa') });
  }
  if (after.status !== 302 || !after.location.endsWith('/home')) {
    throw new Error(`signing in ${person.email} ended at ${after.status} ${after.location}`);
  }
  return jar.header();
}

/** RFC 6238 with Haven's settings: SHA-1, 6 digits, 30-second steps, a base32 secret. */
export function totp(secret, now = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** Signs every person in, `concurrency` at a time; returns the pairs with their cookies. */
export async function signInAll(pairs, httpFor, concurrency = 8) {
  const jobs = pairs.flatMap((pair, index) => [
    async () => { pair.client.cookie = await signIn(httpFor(index, 'client'), pair.client); },
    async () => { pair.therapist.cookie = await signIn(httpFor(index, 'therapist'), pair.therapist); },
  ]);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < jobs.length) {
      await jobs[next++]();
    }
  }));
  return pairs;
}
