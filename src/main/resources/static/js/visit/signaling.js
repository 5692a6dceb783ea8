// The visit room's protocol over Haven's socket (docs/signaling.md): join the room on every (re)connection,
// and hold signals and media changes made while the socket is down until the room answers the join.
// Frames go to the session (session.js); the socket itself, and its reconnecting, is ../socket.js.

import { createSocket } from '../socket.js';

const HELD = new Set(['visit-signal', 'visit-media']);

export function createSignaling(visit) {
  const { room, role } = visit;
  let joined = false; // this socket's join was answered
  const pending = []; // room frames sent while the socket is down, flushed after the next visit-joined

  const socket = createSocket({
    onOpen() {
      joined = false;
      socket.send({ type: 'visit-join', room });
    },
    onFrame: (frame) => visit.session.onFrame(frame),
    onDown() {
      joined = false;
      if (visit.state === 'in-call') {
        visit.roomUi.setCallStatus('Reconnecting…');
      } else if (role === 'client') {
        visit.roomUi.setWaitingStatus('Reconnecting to Haven…');
      }
    },
  });

  /** Sends a frame; signals and media changes wait for the next join when the socket is down. */
  function send(frame) {
    if (socket.isOpen() && joined) {
      socket.send(frame);
    } else if (HELD.has(frame.type)) {
      pending.push(frame);
    }
  }

  /** This socket's join was answered: what waited can go now. */
  function markJoined() {
    joined = true;
    while (pending.length && socket.isOpen()) {
      socket.send(pending.shift());
    }
  }

  return {
    get ws() { return socket.ws; },
    connect: socket.connect,
    ping: socket.ping,
    isOpen: socket.isOpen,
    stop: socket.stop,
    send, markJoined,
  };
}
