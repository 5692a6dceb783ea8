// Session text. When the two are in care (the usual case), it is their conversation's chat
// (docs/messaging.md): stored, and still there after the session. Otherwise short messages go over the
// call's data channel, peer to peer like the media, and are gone with the page. Either way what the other
// side writes is shown as text, never parsed as markup.

import { createConnection } from '../chat/connection.js';

const MAX = 2000; // characters per message, either way

export function createTextPanel(visit) {
  const { ui, peerName } = visit;
  const conversation = visit.call.dataset.conversation;
  let channel = null;
  let chat = null;
  const shown = new Set(); // sequences already in the log

  if (conversation) {
    chat = createConnection({
      conversation,
      onFrame: (frame) => {
        if (frame.type === 'chat-item' && frame.item.kind === 'chat') {
          show(frame.item);
        } else if (frame.type === 'chat-ack') {
          chat.seen(frame.lastSeq);
          show(frame.item);
        } else if (frame.type === 'chat-items') {
          // Earlier messages stay on the messages page; this log starts with the session.
          frame.items.forEach((item) => { chat.seen(item.rev); shown.add(item.seq); });
        } else if (frame.type === 'error') {
          visit.roomUi.setCallStatus(frame.message);
        }
      },
      onState: () => {},
    });
    chat.connect();
    window.addEventListener('pagehide', () => chat.stop());
  }

  function show(item) {
    chat.seen(item.rev);
    if (shown.has(item.seq) || item.deleted) {
      return;
    }
    shown.add(item.seq);
    const mine = item.author === visit.role;
    addText(mine ? 'You' : peerName, item.text || '');
    if (!mine) {
      visit.callUi.noteIncoming();
    }
  }

  function useChannel(opened) {
    channel = opened;
    opened.addEventListener('message', (event) => {
      if (!chat && typeof event.data === 'string') {
        addText(peerName, event.data.slice(0, MAX));
        visit.callUi.noteIncoming();
      }
    });
  }

  function forgetChannel() {
    channel = null;
  }

  function addText(who, text) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = `${who}: `;
    const body = document.createElement('span');
    body.dir = 'auto';
    body.className = 'chat-body';
    body.textContent = text;
    item.append(name, body);
    ui.textLog.append(item);
  }

  ui.textForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.text.value.trim().slice(0, MAX);
    if (!text) {
      return;
    }
    if (chat) {
      chat.sendMessage(crypto.randomUUID(), text, []);
      ui.text.value = '';
      return;
    }
    if (!channel || channel.readyState !== 'open') {
      visit.roomUi.setCallStatus('Messages can be sent once the call is connected.');
      return;
    }
    channel.send(text);
    addText('You', text);
    ui.text.value = '';
  });

  return { useChannel, forgetChannel };
}
