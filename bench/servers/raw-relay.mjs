// The limit: a bare WebSocket relay. Each socket names its pair and side in the URL
// (/?pair=12&side=0); every text frame goes unchanged to the pair's other socket. No parsing, no checks,
// no storage, no acknowledgement.

import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const pairs = new Map();

const server = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
server.on('connection', (socket, request) => {
  const query = new URL(request.url, 'http://relay').searchParams;
  const pair = query.get('pair');
  const side = Number(query.get('side'));
  if (!pairs.has(pair)) {
    pairs.set(pair, [null, null]);
  }
  const sockets = pairs.get(pair);
  sockets[side] = socket;
  socket.on('message', (data, isBinary) => {
    const other = sockets[1 - side];
    if (other && other.readyState === 1) {
      other.send(data, { binary: isBinary });
    }
  });
  socket.on('close', () => {
    if (sockets[side] === socket) {
      sockets[side] = null;
    }
  });
});
server.on('listening', () => console.log(`raw relay on ${port}`));
