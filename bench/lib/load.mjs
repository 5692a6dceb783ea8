// The load generator: one socket per person per target, and open-loop runs that send chat-send frames at a
// fixed rate without waiting for answers. Latency is from a message's due time to its arrival at the other
// party's socket (both read on this process's monotonic clock), so the generator's own lateness counts.

import WebSocket from 'ws';

const PAD = 'Thanks for today. I tried the breathing exercise twice this morning and it helped a bit; '
  + 'the evenings are still hard, so I wrote down what happened before it started, as you asked. See you next week. ';

/** A message of about 200 bytes of text, the same frame for every target. */
function chatSend(conversation, clientId) {
  const start = `Message ${clientId}. `;
  const text = start + PAD.slice(0, 200 - start.length);
  return JSON.stringify({ type: 'chat-send', id: clientId, conversation, clientId, text });
}

const now = () => performance.now();

/**
 * The sockets of every pair on one target. `urlFor(pairIndex, side)` gives a socket's URL (side 0 is the
 * client, 1 the therapist); `headersFor` its handshake headers; `haven` says whether the target speaks Haven's
 * protocol (chat-open first; chat-item, chat-ack and error frames) or is a relay (the frame itself arrives;
 * the durable relay answers with ack).
 */
export class Fleet {
  constructor({ name, pairs, urlFor, headersFor, haven }) {
    Object.assign(this, { name, pairs, urlFor, headersFor, haven });
    this.sockets = new Array(pairs.length * 2);
    this.run = null;
    this.stray = 0;
  }

  async open(concurrency = 32) {
    let next = 0;
    const openOne = async (index) => {
      const pair = Math.floor(index / 2);
      const side = index % 2;
      const socket = new WebSocket(this.urlFor(pair, side), { headers: this.headersFor(pair, side), perMessageDeflate: false });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
        socket.once('unexpected-response', (request, response) => reject(new Error(`${this.name}: handshake answered ${response.statusCode}`)));
      });
      socket.on('error', () => {});
      socket.on('close', () => { this.closed = (this.closed ?? 0) + 1; });
      if (this.haven) {
        await this.chatOpen(socket, this.pairs[pair].conversation, index);
      }
      socket.on('message', (data) => this.onFrame(index, data, now()));
      this.sockets[index] = socket;
    };
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < this.sockets.length) {
        await openOne(next++);
      }
    }));
  }

  chatOpen(socket, conversation, index) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no chat-opened on socket ${index}`)), 60_000);
      const listener = (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'chat-opened') {
          clearTimeout(timer);
          socket.off('message', listener);
          resolve();
        } else if (frame.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`${this.name}: chat-open refused on socket ${index}: ${frame.code} ${frame.message ?? ''}`));
        }
      };
      socket.on('message', listener);
      socket.send(JSON.stringify({ type: 'chat-open', id: `open-${index}`, conversation }));
    });
  }

  onFrame(index, data, at) {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return;
    }
    const run = this.run;
    let clientId;
    let kind;
    if (this.haven) {
      if (frame.type === 'chat-item') {
        clientId = frame.item?.clientId;
        kind = 'delivered';
      } else if (frame.type === 'chat-ack') {
        clientId = frame.clientId;
        kind = 'acked';
      } else if (frame.type === 'error') {
        clientId = frame.re;
        kind = 'refused';
      } else {
        return;
      }
    } else if (frame.type === 'chat-send') {
      clientId = frame.clientId;
      kind = 'delivered';
    } else if (frame.type === 'ack') {
      clientId = frame.clientId;
      kind = 'acked';
    } else if (frame.type === 'error') {
      clientId = frame.re;
      kind = 'refused';
    } else {
      return;
    }
    const message = run?.message(clientId);
    if (message === undefined) {
      this.stray += 1;
      return;
    }
    run.record(kind, message, index, at, frame.code);
  }

  close() {
    for (const socket of this.sockets) {
      socket?.terminate();
    }
  }
}

/** One open-loop run of `seconds` at `rate` messages a second on a fleet. */
export class Run {
  constructor({ id, fleet, rate, seconds }) {
    Object.assign(this, { id, fleet, rate, seconds });
    this.count = Math.round(rate * seconds);
    this.due = new Float64Array(this.count);
    this.sentAt = new Float64Array(this.count).fill(NaN);
    this.deliveredAt = new Float64Array(this.count).fill(NaN);
    this.ackedAt = new Float64Array(this.count).fill(NaN);
    this.deliveries = new Uint8Array(this.count);
    this.misdelivered = 0;
    this.duplicates = 0;
    this.errors = {};
    this.sendFailures = 0;
    this.settled = 0;
    this.lastProgress = 0;
    this.prefix = `r${id}-`;
  }

  message(clientId) {
    if (typeof clientId !== 'string' || !clientId.startsWith(this.prefix)) {
      return undefined;
    }
    const index = Number(clientId.slice(this.prefix.length));
    return index >= 0 && index < this.count ? index : undefined;
  }

  /** Message i goes to pair i mod n; a pair's messages alternate between the client and the therapist. */
  sender(i) {
    const pairs = this.fleet.pairs.length;
    return { pair: i % pairs, side: Math.floor(i / pairs) % 2 };
  }

  record(kind, i, socketIndex, at, code) {
    this.lastProgress = at;
    if (kind === 'delivered') {
      const { pair, side } = this.sender(i);
      if (socketIndex !== pair * 2 + (1 - side)) {
        this.misdelivered += 1;
        return;
      }
      if (this.deliveries[i]++ > 0) {
        this.duplicates += 1;
        return;
      }
      this.deliveredAt[i] = at;
      this.settled += 1;
    } else if (kind === 'acked') {
      if (Number.isNaN(this.ackedAt[i])) {
        this.ackedAt[i] = at;
      }
    } else {
      this.errors[code ?? 'error'] = (this.errors[code ?? 'error'] ?? 0) + 1;
      this.settled += 1;
    }
  }

  /** Sends every message at its due time, then waits until all have settled or nothing moved for `idleMillis`. */
  async execute({ idleMillis = 5000, maxMillis = 60_000 } = {}) {
    this.fleet.run = this;
    const interval = 1000 / this.rate;
    const start = now() + 20;
    for (let i = 0; i < this.count; i++) {
      this.due[i] = start + i * interval;
    }
    let next = 0;
    await new Promise((resolve) => {
      const tick = () => {
        const t = now();
        while (next < this.count && this.due[next] <= t) {
          const i = next++;
          const { pair, side } = this.sender(i);
          const socket = this.fleet.sockets[pair * 2 + side];
          if (socket.readyState !== WebSocket.OPEN) {
            this.sendFailures += 1;
            continue;
          }
          socket.send(chatSend(this.fleet.pairs[pair].conversation, this.prefix + i));
          this.sentAt[i] = now();
        }
        if (next < this.count) {
          setTimeout(tick, Math.max(0, Math.min(1, this.due[next] - now())));
        } else {
          resolve();
        }
      };
      setTimeout(tick, Math.max(0, start - now()));
    });
    this.lastSend = now();
    this.lastProgress = this.lastSend;
    const sent = this.count - this.sendFailures;
    while (this.settled < sent && now() - this.lastProgress < idleMillis && now() - this.lastSend < maxMillis) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.drainMillis = now() - this.lastSend;
    this.sendSeconds = (this.lastSend - start) / 1000;
    this.fleet.run = null;
  }

  /** Latency figures in ms; a message never delivered counts as infinitely late (nearest rank). */
  result() {
    const latencies = new Float64Array(this.count);
    const lags = [];
    let delivered = 0;
    let acked = 0;
    for (let i = 0; i < this.count; i++) {
      if (Number.isNaN(this.deliveredAt[i])) {
        latencies[i] = Infinity;
      } else {
        latencies[i] = this.deliveredAt[i] - this.due[i];
        delivered += 1;
      }
      if (!Number.isNaN(this.ackedAt[i])) {
        acked += 1;
      }
      if (!Number.isNaN(this.sentAt[i])) {
        lags.push(this.sentAt[i] - this.due[i]);
      }
    }
    // With conversations that hold a long history, the same figures for them and for the others apart.
    const history = [];
    const fresh = [];
    if (this.fleet.haven && this.fleet.pairs.some((pair) => pair.history > 0)) {
      for (let i = 0; i < this.count; i++) {
        (this.fleet.pairs[this.sender(i).pair].history > 0 ? history : fresh).push(latencies[i]);
      }
      history.sort((a, b) => a - b);
      fresh.sort((a, b) => a - b);
    }
    latencies.sort();
    lags.sort((a, b) => a - b);
    const rank = (sorted, p) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN);
    const sent = this.count - this.sendFailures;
    return {
      target: this.fleet.name,
      rate: this.rate,
      messages: this.count,
      sent,
      sentPerSecond: sent / Math.max(this.sendSeconds, 1e-3),
      delivered,
      acked,
      lost: this.count - delivered,
      duplicates: this.duplicates,
      misdelivered: this.misdelivered,
      errors: this.errors,
      p50: rank(latencies, 0.5),
      p95: rank(latencies, 0.95),
      p99: rank(latencies, 0.99),
      max: latencies[latencies.length - 1],
      sendLagP99: rank(lags, 0.99),
      history: history.length ? {
        messages: history.length, p50: rank(history, 0.5), p99: rank(history, 0.99),
        freshMessages: fresh.length, freshP50: rank(fresh, 0.5), freshP99: rank(fresh, 0.99),
      } : undefined,
      drainMillis: this.drainMillis,
    };
  }
}
