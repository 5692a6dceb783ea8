// The chat's protocol over Haven's socket (docs/messaging.md): opens the conversation, after a reconnect
// asks for what it missed (chat-open with its watermark), and resends unacknowledged messages under their
// client ids, which Haven stores once. The socket itself, and its reconnecting, is ../socket.js.

import { createSocket } from '../socket.js';

export function createConnection({ conversation, onFrame, onState }) {
  // The watermark: every change (new item, edit, deletion) up to this number is on the page; null before
  // the first open. With several nodes, a change stored on another node may arrive after a later one
  // stored on this node: a live change that skips ahead leaves the watermark where it is and asks
  // chat-sync for the gap, so a late item never hides an earlier missing one.
  let lastSeq = null;
  let syncing = false;
  const unacked = new Map(); // clientId -> chat-send frame, until its chat-ack

  const socket = createSocket({
    onOpen() {
      syncing = false;
      const open = { type: 'chat-open', conversation };
      if (lastSeq !== null) {
        open.after = lastSeq;
      }
      socket.send(open);
    },
    onFrame: received,
    onDown: () => onState('reconnecting'),
  });

  function received(frame) {
    if (frame.conversation && frame.conversation !== conversation) {
      return;
    }
    if (frame.type === 'chat-opened') {
      onState('open');
      // What was sent but not acknowledged goes again: a duplicate is answered from what was stored.
      unacked.forEach((f) => transmit(f));
    } else if (frame.type === 'chat-ack') {
      unacked.delete(frame.clientId);
    } else if (frame.type === 'chat-reload') {
      // Haven holds less than this page has seen (a restored backup, a fail-over): asking for changes
      // after our number would bring nothing, ever. Start again from what Haven has; unacknowledged
      // messages stay queued and go again with the new chat-opened.
      lastSeq = null;
      syncing = false;
      queueMicrotask(() => send({ type: 'chat-open' }));
    } else if (frame.type === 'chat-items' && frame.more && lastSeq !== null && !frame.history) {
      // More changes wait: keep catching up after this page.
      queueMicrotask(() => send({ type: 'chat-sync', after: lastSeq }));
    }
    if (frame.type === 'chat-items' && !frame.history) {
      syncing = false;
    }
    onFrame(frame);
  }

  function send(frame) {
    return socket.send({ conversation, ...frame });
  }

  function sendMessage(clientId, text, attachments) {
    const frame = { type: 'chat-send', conversation, clientId, text };
    if (attachments && attachments.length) {
      frame.attachments = attachments;
    }
    unacked.set(clientId, frame);
    if (socket.isOpen()) {
      transmit(frame);
    }
  }

  function transmit(frame) {
    socket.request(frame).then((answer) => {
      if (answer.type === 'error' && answer.code === 'unavailable') {
        // Nothing was stored (Haven busy or restarting): the same message goes again a little later.
        setTimeout(() => {
          if (unacked.has(frame.clientId) && socket.isOpen()) {
            transmit(unacked.get(frame.clientId));
          }
        }, 1000 + Math.random() * 2000);
      }
    }, () => {
      // The socket closed first: the message goes again after the next chat-opened.
    });
  }

  // `live`: pushed as it happened (an item, an ack); otherwise part of an answer that holds every change
  // after what was asked, in order.
  function seen(seq, live) {
    if (!live || (lastSeq !== null && seq <= lastSeq + 1)) {
      lastSeq = lastSeq === null ? seq : Math.max(lastSeq, seq);
    } else if (lastSeq !== null && !syncing) {
      syncing = true;
      send({ type: 'chat-sync', after: lastSeq });
    }
  }

  return {
    get ws() { return socket.ws; },
    get lastSeq() { return lastSeq; },
    connect: socket.connect,
    isOpen: socket.isOpen,
    stop: socket.stop,
    send, sendMessage, seen,
    forget(clientId) { unacked.delete(clientId); },
  };
}
