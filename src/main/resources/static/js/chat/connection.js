// The chat's connection to /ws (docs/messaging.md): opens the conversation, reconnects with backoff and
// asks for what it missed (chat-open with the last sequence seen), and resends unacknowledged messages
// under their client ids, which Haven stores once.

export function createConnection({ conversation, onFrame, onState }) {
  let ws = null;
  let attempts = 0;
  let timer = 0;
  let counter = 0;
  let lastSeq = null; // highest sequence seen (new items, edits, deletions); null before the first open
  let stopped = false;
  const unacked = new Map(); // clientId -> chat-send frame, until its chat-ack
  const sendIds = new Map(); // id of a chat-send frame -> its clientId, to resend after `unavailable`

  function nextId() {
    counter += 1;
    return `${Date.now().toString(36)}-${counter}`;
  }

  function connect() {
    clearTimeout(timer);
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    ws = socket;
    socket.addEventListener('open', () => {
      attempts = 0;
      const open = { type: 'chat-open', id: nextId(), conversation };
      if (lastSeq !== null) {
        open.after = lastSeq;
      }
      socket.send(JSON.stringify(open));
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.conversation && frame.conversation !== conversation) {
        return;
      }
      if (frame.type === 'chat-opened') {
        onState('open');
        // What was sent but not acknowledged goes again: a duplicate is answered from what was stored.
        unacked.forEach((f) => transmit(f));
      } else if (frame.type === 'chat-ack') {
        unacked.delete(frame.clientId);
      } else if (frame.type === 'error' && frame.code === 'unavailable' && sendIds.has(frame.re)) {
        // Nothing was stored (Haven busy or restarting): the same message goes again a little later.
        const clientId = sendIds.get(frame.re);
        sendIds.delete(frame.re);
        setTimeout(() => {
          if (unacked.has(clientId) && isOpen()) {
            transmit(unacked.get(clientId));
          }
        }, 1000 + Math.random() * 2000);
      } else if (frame.type === 'chat-reload') {
        // Haven holds less than this page has seen (a restored backup, a fail-over): asking for changes
        // after our number would bring nothing, ever. Start again from what Haven has; unacknowledged
        // messages stay queued and go again with the new chat-opened.
        lastSeq = null;
        queueMicrotask(() => send({ type: 'chat-open' }));
      } else if (frame.type === 'chat-items' && frame.more && lastSeq !== null && !frame.history) {
        // More changes wait: keep catching up after this page.
        queueMicrotask(() => send({ type: 'chat-sync', after: lastSeq }));
      }
      onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (ws !== socket || stopped) {
        return;
      }
      onState('reconnecting');
      const delay = Math.min(8000, 500 * 2 ** attempts) * (0.7 + Math.random() * 0.6);
      attempts += 1;
      timer = setTimeout(connect, delay);
    });
  }

  function isOpen() {
    return Boolean(ws) && ws.readyState === WebSocket.OPEN;
  }

  function send(frame) {
    const full = { id: nextId(), conversation, ...frame };
    if (isOpen()) {
      ws.send(JSON.stringify(full));
    }
    return full.id;
  }

  function sendMessage(clientId, text, attachments) {
    const frame = { type: 'chat-send', conversation, clientId, text };
    if (attachments && attachments.length) {
      frame.attachments = attachments;
    }
    unacked.set(clientId, frame);
    if (isOpen()) {
      transmit(frame);
    }
  }

  function transmit(frame) {
    const id = nextId();
    sendIds.set(id, frame.clientId);
    if (sendIds.size > 500) {
      sendIds.delete(sendIds.keys().next().value);
    }
    ws.send(JSON.stringify({ ...frame, id }));
  }

  function seen(seq) {
    if (lastSeq === null || seq > lastSeq) {
      lastSeq = seq;
    }
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    if (ws && ws.readyState <= WebSocket.OPEN) {
      ws.close();
    }
  }

  return {
    get ws() { return ws; },
    get lastSeq() { return lastSeq; },
    connect, send, sendMessage, seen, isOpen, stop,
    forget(clientId) { unacked.delete(clientId); },
  };
}
