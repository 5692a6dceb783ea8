// What a team would otherwise write: a WebSocket relay that stores each message in PostgreSQL before
// handing it on. A chat-send frame ({conversation, clientId, text}) is inserted, in its own transaction
// with synchronous_commit on (the commit waits for the disk), then forwarded unchanged to the pair's other
// socket and acknowledged to the sender ({"type":"ack","clientId":...}). A pair's messages are stored and
// forwarded one after the other, so each conversation keeps its order; different pairs use the pool's
// connections side by side. A resend under the same clientId is stored once.

import pg from 'pg';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const database = process.argv[3];
const poolSize = Number(process.env.BENCH_RELAY_POOL ?? 16);

const pool = new pg.Pool({ connectionString: database, max: poolSize, options: '-c synchronous_commit=on' });
await pool.query(`create table if not exists chat_message (
  id bigserial primary key,
  conversation text not null,
  sender smallint not null,
  client_id text not null,
  body text not null,
  created_at timestamptz not null default now(),
  unique (conversation, client_id))`);

const pairs = new Map();

const server = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
server.on('connection', (socket, request) => {
  const query = new URL(request.url, 'http://relay').searchParams;
  const pair = query.get('pair');
  const side = Number(query.get('side'));
  if (!pairs.has(pair)) {
    pairs.set(pair, { sockets: [null, null], tail: Promise.resolve() });
  }
  const state = pairs.get(pair);
  state.sockets[side] = socket;
  socket.on('message', (data) => {
    const text = data.toString();
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      socket.send(JSON.stringify({ type: 'error', code: 'bad-frame' }));
      return;
    }
    state.tail = state.tail.then(async () => {
      try {
        await pool.query(
          'insert into chat_message (conversation, sender, client_id, body) values ($1, $2, $3, $4) on conflict do nothing',
          [String(frame.conversation), side, String(frame.clientId), String(frame.text)],
        );
      } catch (error) {
        socket.send(JSON.stringify({ type: 'error', re: frame.id, code: 'unavailable' }));
        console.error(`insert failed: ${error.message}`);
        return;
      }
      const other = state.sockets[1 - side];
      if (other && other.readyState === 1) {
        other.send(text);
      }
      if (socket.readyState === 1) {
        socket.send(JSON.stringify({ type: 'ack', clientId: frame.clientId }));
      }
    });
  });
  socket.on('close', () => {
    if (state.sockets[side] === socket) {
      state.sockets[side] = null;
    }
  });
});
server.on('listening', () => console.log(`durable relay on ${port}, ${poolSize} connections`));
