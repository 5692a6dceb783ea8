// The visit room (an ES module; the CSP allows no inline scripts). One script for both sides:
// - the client's waiting room: a device check (preview, microphone level, test sound, network check), then
//   the call once the therapist admits them;
// - the therapist's room: the waiting client's check-in, admit and send back, then the call.
// Signaling runs over /ws (docs/signaling.md); the call is peer to peer with "perfect negotiation"
// (the client is the polite side). Media never passes through Haven.
//
// The parts live in ./visit/. Each is made from the shared visit object and hangs itself on it, so that the
// parts call one another through it when events come, whatever the order they were made in. The order below
// is only the order in which the page's controls get their listeners.

import { createVisit } from './visit/context.js';
import { createRoomUi } from './visit/room-ui.js';
import { createCallUi } from './visit/call-ui.js';
import { createSelfView } from './visit/self-view.js';
import { createPeer } from './visit/peer.js';
import { createSignaling } from './visit/signaling.js';
import { createSound } from './visit/sound.js';
import { createKeepalive } from './visit/keepalive.js';
import { createCheckIn } from './visit/check-in.js';
import { createSession } from './visit/session.js';
import { createMedia } from './visit/media.js';
import { createQuality } from './visit/quality.js';
import { createDevices } from './visit/devices.js';
import { createTextPanel } from './visit/text-panel.js';
import { createWaitingRoom } from './visit/waiting-room.js';

const main = document.querySelector('main[data-visit]');
const call = document.getElementById('call');

if (main && call) {
  start(main.dataset.visit, call);
}

function start(role, call) {
  const visit = createVisit(role, main, call);
  visit.roomUi = createRoomUi(visit);
  visit.callUi = createCallUi(visit);
  visit.selfView = createSelfView(visit);
  visit.peer = createPeer(visit); // starts fetching the ICE servers
  visit.signaling = createSignaling(visit);

  // For the browser tests: always the current connection, socket and state (each is replaced over a visit).
  window.havenVisit = Object.freeze({
    get pc() { return visit.peer.pc; },
    get ws() { return visit.signaling.ws; },
    get state() { return visit.state; },
    get trace() { return visit.peer.trace; },
  });

  visit.sound = createSound();
  visit.keepalive = createKeepalive();
  visit.checkIn = createCheckIn(visit);
  visit.session = createSession(visit);
  visit.media = createMedia(visit);
  visit.quality = createQuality(visit);
  visit.devices = createDevices(visit);
  visit.textPanel = createTextPanel(visit);
  visit.waitingRoom = createWaitingRoom(visit);

  visit.sound.unlockOnGesture();
  visit.keepalive.start();
  visit.signaling.connect();
  if (role === 'client') {
    visit.waitingRoom.deviceCheck();
  }
}
