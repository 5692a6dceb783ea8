// The chat page (/messages/{id}): one conversation, live. See docs/messaging.md.

import { createConnection } from './chat/connection.js';
import { createChatView } from './chat/view.js';

const root = document.getElementById('chat');
if (root) {
  const ui = {
    log: document.getElementById('chat-log'),
    status: document.getElementById('chat-status'),
    typing: document.getElementById('chat-typing'),
    announce: document.getElementById('chat-announce'),
    earlier: document.getElementById('chat-earlier'),
    form: document.getElementById('chat-form'),
    text: document.getElementById('chat-text'),
    file: document.getElementById('chat-file'),
    error: document.getElementById('chat-error'),
  };
  const conversation = root.dataset.conversation;
  let view = null;
  const connection = createConnection({
    conversation,
    onFrame: (frame) => view.onFrame(frame),
    onState: (state) => view.setStatus(state === 'open' ? '' : 'Reconnecting…'),
  });
  view = createChatView({ ui, conversation, me: root.dataset.me, peerRole: root.dataset.peerRole, connection });
  window.havenChat = { connection, view };
  connection.connect();
}
