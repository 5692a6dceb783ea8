// Haven's socket, /ws (docs/signaling.md, docs/messaging.md), for every page that speaks to it: frames
// with ids, answers matched to them by `re`, and a connection that comes back by itself. The protocols
// (a conversation, a visit room) live with their pages; this knows only frames.
//
// - Reconnects with exponential backoff up to 8 s, with jitter so that both sides of a visit (and every
//   page after a server restart) do not come back in step; at once when the browser is back online.
// - A close with 1008 means the session is gone (signed out, everywhere or here, or expired): a new socket
//   would be refused, so the page goes to the sign-in page instead of trying again.

const MAX_AWAITED = 500;

const SIGNED_OUT = 1008;

export function createSocket({ onOpen, onFrame, onDown = () => {}, onSignedOut = signIn }) {
  let ws = null;
  let attempts = 0;
  let timer = 0;
  let counter = 0;
  let stopped = false;
  const awaited = new Map(); // id of a sent frame -> { resolve, reject }, until its answer

  function nextId() {
    counter += 1;
    return `${Date.now().toString(36)}-${counter}`;
  }

  function connect() {
    clearTimeout(timer);
    stopped = false;
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    ws = socket;
    socket.addEventListener('open', () => {
      attempts = 0;
      onOpen();
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.re && awaited.has(frame.re)) {
        const answered = awaited.get(frame.re);
        awaited.delete(frame.re);
        answered.resolve(frame);
      }
      if (frame.type !== 'pong') {
        onFrame(frame);
      }
    });
    socket.addEventListener('close', (event) => {
      if (ws !== socket) {
        return;
      }
      // No answer will come on a closed socket: whoever waits for one hears now.
      awaited.forEach(({ reject }) => reject(new Error('closed')));
      awaited.clear();
      if (stopped) {
        return;
      }
      if (event.code === SIGNED_OUT) {
        stopped = true;
        onSignedOut();
        return;
      }
      onDown();
      const delay = Math.min(8000, 500 * 2 ** attempts) * (0.7 + Math.random() * 0.6);
      attempts += 1;
      timer = setTimeout(connect, delay);
    });
  }

  function isOpen() {
    return Boolean(ws) && ws.readyState === WebSocket.OPEN;
  }

  /** Sends the frame under a new id if the socket is open; returns the id. */
  function send(frame) {
    const full = { id: nextId(), ...frame };
    if (isOpen()) {
      ws.send(JSON.stringify(full));
    }
    return full.id;
  }

  /** Sends the frame; resolves with the frame that answers it (its `re`), rejects if the socket closes first. */
  function request(frame) {
    if (!isOpen()) {
      return Promise.reject(new Error('not connected'));
    }
    return new Promise((resolve, reject) => {
      const id = send(frame);
      awaited.set(id, { resolve, reject });
      // Some refusals cannot name the frame they refuse (rate-limited): forget the oldest, not grow.
      if (awaited.size > MAX_AWAITED) {
        const [oldest, { reject: forgotten }] = awaited.entries().next().value;
        awaited.delete(oldest);
        forgotten(new Error('no answer'));
      }
    });
  }

  /** The round trip to Haven in milliseconds. */
  function ping() {
    const sent = performance.now();
    let timeout = 0;
    return Promise.race([
      request({ type: 'ping' }).then(() => performance.now() - sent),
      new Promise((resolve, reject) => {
        timeout = setTimeout(() => reject(new Error('timeout')), 5000);
      }),
    ]).finally(() => clearTimeout(timeout));
  }

  /** For good: no reconnecting, and the socket closed if it is not already. */
  function stop() {
    stopped = true;
    clearTimeout(timer);
    if (ws && ws.readyState <= WebSocket.OPEN) {
      ws.close();
    }
  }

  // Back online: try now rather than at the end of a backoff that grew while the network was away.
  window.addEventListener('online', () => {
    if (!stopped && ws && ws.readyState === WebSocket.CLOSED) {
      attempts = 0;
      connect();
    }
  });

  return {
    get ws() { return ws; },
    connect, send, request, ping, isOpen, stop,
  };
}

function signIn() {
  window.location.assign('/login?signedOut');
}
