// The signaling socket (/ws, docs/signaling.md): join the room, reconnect with backoff, send frames.
// Frames other than pongs go to the session (session.js).

export function createSignaling(visit) {
  const { room, role } = visit;
  let ws = null;
  let attempts = 0;
  let reconnectTimer = 0;
  let joined = false; // this socket's join was answered
  let frameCounter = 0;
  const pending = []; // room frames sent while the socket is down, flushed after the next "visit-joined"
  const pongs = new Map();

  function connect() {
    clearTimeout(reconnectTimer);
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    ws = socket;
    joined = false;
    socket.addEventListener('open', () => {
      attempts = 0;
      socket.send(JSON.stringify({ type: 'visit-join', id: nextId(), room }));
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === 'pong') {
        const done = pongs.get(frame.re);
        pongs.delete(frame.re);
        if (done) {
          done();
        }
        return;
      }
      visit.session.onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (ws !== socket || visit.state === 'ended') {
        return;
      }
      if (visit.state === 'in-call') {
        visit.roomUi.setCallStatus('Reconnecting…');
      } else if (role === 'client') {
        visit.roomUi.setWaitingStatus('Reconnecting to Haven…');
      }
      // Exponential backoff up to 8 s, with jitter so that both sides (and every room after a server
      // restart) do not come back in step.
      const delay = Math.min(8000, 500 * 2 ** attempts) * (0.7 + Math.random() * 0.6);
      attempts += 1;
      reconnectTimer = setTimeout(connect, delay);
    });
  }

  function nextId() {
    frameCounter += 1;
    return `${Date.now().toString(36)}-${frameCounter}`;
  }

  function isOpen() {
    return Boolean(ws) && ws.readyState === WebSocket.OPEN;
  }

  /** Sends a frame; signals and media changes wait for the next join when the socket is down. */
  function send(frame) {
    const full = { id: nextId(), ...frame };
    if (isOpen() && joined) {
      ws.send(JSON.stringify(full));
    } else if (frame.type === 'visit-signal' || frame.type === 'visit-media') {
      pending.push(full);
    }
  }

  /** This socket's join was answered: what waited can go now. */
  function markJoined() {
    joined = true;
    while (pending.length && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(pending.shift()));
    }
  }

  /** The round trip to Haven in milliseconds. */
  function ping() {
    return new Promise((resolve, reject) => {
      if (!isOpen()) {
        reject(new Error('not connected'));
        return;
      }
      const id = nextId();
      const sent = performance.now();
      const timeout = setTimeout(() => {
        pongs.delete(id);
        reject(new Error('timeout'));
      }, 5000);
      pongs.set(id, () => {
        clearTimeout(timeout);
        resolve(performance.now() - sent);
      });
      ws.send(JSON.stringify({ type: 'ping', id }));
    });
  }

  function close() {
    ws.close();
  }

  /** For good: no reconnecting, and the socket closed if it is not already. */
  function stop() {
    clearTimeout(reconnectTimer);
    if (ws && ws.readyState <= WebSocket.OPEN) {
      ws.close();
    }
  }

  return {
    get ws() { return ws; },
    connect, send, markJoined, ping, isOpen, close, stop,
  };
}
