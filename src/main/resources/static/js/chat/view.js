// The chat timeline on a page: renders items in sequence order (upserting edits and deletions), own
// messages' receipts, the typing line, earlier pages, and the send form with attachments.

import { safeFragment } from './safe-html.js';
import { csrfHeaders } from '../haven.js';

const EDIT_WINDOW_MS = 5 * 60 * 1000;
// Haven writes times one way everywhere: "14:05" within a day, days as "Thursday 3 December" (the year only
// when it is not this one), in the reader's own time zone.
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });
const DAY_AND_YEAR = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const DAY_KEY = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

function dayLabel(date) {
  const key = DAY_KEY.format(date);
  const now = new Date();
  if (key === DAY_KEY.format(now)) {
    return 'Today';
  }
  if (key === DAY_KEY.format(new Date(now.getTime() - 86400000))) {
    return 'Yesterday';
  }
  return date.getFullYear() === now.getFullYear() ? DAY.format(date) : DAY_AND_YEAR.format(date);
}
// What became of a text Haven sent for this person, in words (docs/messaging.md, "Texts in the
// conversation"). The failures say so in words, not only in colour.
const TEXT_STATES = {
  QUEUED: 'Waiting to be sent',
  SUBMITTED: 'Sent to the phone network',
  DELIVERED: 'Delivered to their phone',
  UNDELIVERABLE: 'Not delivered: their phone could not be reached',
  EXPIRED: 'Not delivered in time',
  REJECTED: 'Not sent: refused by the phone network',
  UNCONFIRMED: 'Sent, but delivery was not confirmed',
  FAILED: 'Not sent',
};
const TEXT_FAILED = new Set(['UNDELIVERABLE', 'EXPIRED', 'REJECTED', 'FAILED']);

export function createChatView({ ui, conversation, me, peerRole, connection, peerLabel }) {
  const items = new Map(); // seq -> item
  const pending = new Map(); // clientId -> element of a message not yet acknowledged
  let peerDelivered = 0;
  let peerRead = 0;
  let oldestSeq = null;
  let typingTimer = 0;
  let lastTypingSent = 0;
  const peerName = peerLabel || (peerRole === 'therapist' ? 'Your therapist' : 'Your client');

  function onFrame(frame) {
    switch (frame.type) {
      case 'chat-opened':
        peerDelivered = frame.peerDelivered;
        peerRead = frame.peerRead;
        setStatus(frame.open ? '' : 'Care has ended: this conversation can be read, not added to.');
        break;
      case 'chat-items':
        frame.items.forEach((item) => upsert(item, false));
        markDays();
        if (ui.earlier && (frame.history || items.size === frame.items.length)) {
          ui.earlier.hidden = !frame.more;
        }
        acknowledge();
        refreshReceipts();
        break;
      case 'chat-ack':
        // Counted by the ack's own item (in settle), not the conversation's last number: items stored
        // meanwhile on another node may still be on their way.
        settle(frame.clientId, frame.item);
        break;
      case 'chat-reload':
        // The connection opens the conversation afresh: drop the timeline it will send again, keeping
        // only the messages still waiting for their ack.
        items.clear();
        oldestSeq = null;
        [...ui.log.children].filter((li) => li.dataset.seq).forEach((li) => li.remove());
        break;
      case 'chat-item':
        upsert(frame.item, true);
        markDays();
        acknowledge();
        break;
      case 'chat-receipt':
        if (frame.by !== me) {
          peerDelivered = Math.max(peerDelivered, frame.delivered);
          peerRead = Math.max(peerRead, frame.read);
          refreshReceipts();
        }
        break;
      case 'chat-typing':
        if (frame.by !== me) {
          ui.typing.textContent = `${peerName} is typing…`;
          clearTimeout(typingTimer);
          typingTimer = setTimeout(() => { ui.typing.textContent = ''; }, 4000);
        }
        break;
      case 'error':
        showError(frame.message);
        break;
      default:
        break;
    }
  }

  function upsert(item, live) {
    connection.seen(item.rev, live);
    const known = items.get(item.seq);
    if (known && known.rev >= item.rev) {
      return;
    }
    items.set(item.seq, item);
    oldestSeq = oldestSeq === null ? item.seq : Math.min(oldestSeq, item.seq);
    const element = render(item);
    const existing = ui.log.querySelector(`[data-seq="${item.seq}"]`);
    if (existing) {
      existing.replaceWith(element);
    } else {
      insertInOrder(element, item.seq);
    }
    if (live && item.author !== me && !known) {
      ui.typing.textContent = '';
      ui.announce.textContent = item.kind === 'letter' ? `${peerName} sent a letter.`
        : item.kind === 'text' ? `${peerName}, by text: ${item.text || ''}` : `${peerName}: ${item.text || ''}`;
      ui.log.scrollTop = ui.log.scrollHeight;
    } else if (live && known && ownText(item) && item.textState !== known.textState) {
      ui.announce.textContent = `Your text: ${textStateWords(item.textState)}.`;
    }
  }

  /**
   * A text Haven sent by SMS for this person (only therapists' go out that way): the one kind of item
   * whose delivery state the page shows. A client's own texts came in from their phone and carry the
   * chat receipts like their messages.
   */
  function ownText(item) {
    return item.kind === 'text' && item.author === me && me === 'therapist' && !item.deleted;
  }

  function textStateWords(state) {
    return TEXT_STATES[state] || '';
  }

  /**
   * A separator before the first item of each day, as messaging apps have: recomputed after each batch,
   * since earlier pages and late items can land anywhere in the log.
   */
  function markDays() {
    ui.log.querySelectorAll(':scope > li.chat-day').forEach((li) => li.remove());
    let previous = null;
    [...ui.log.children].forEach((li) => {
      const day = li.dataset.day;
      if (day && day !== previous) {
        const separator = document.createElement('li');
        separator.className = 'chat-day';
        const label = document.createElement('span');
        label.textContent = li.dataset.dayLabel;
        separator.append(label);
        ui.log.insertBefore(separator, li);
        previous = day;
      }
    });
  }

  function insertInOrder(element, seq) {
    const after = [...ui.log.children].find((li) => li.dataset.seq && Number(li.dataset.seq) > seq);
    ui.log.insertBefore(element, after || null);
    if (!after) {
      ui.log.scrollTop = ui.log.scrollHeight;
    }
  }

  function render(item) {
    const li = document.createElement('li');
    li.className = `chat-item ${item.author === me ? 'mine' : 'theirs'}`;
    li.dataset.seq = String(item.seq);
    li.dataset.clientId = item.clientId;
    const meta = document.createElement('p');
    meta.className = 'chat-meta';
    const who = document.createElement('strong');
    who.textContent = item.author === me ? 'You' : peerName;
    const at = new Date(item.at);
    const time = document.createElement('time');
    time.dateTime = item.at;
    time.textContent = TIME.format(at);
    li.dataset.day = DAY_KEY.format(at);
    li.dataset.dayLabel = dayLabel(at);
    meta.append(who, document.createTextNode(' · '), time);
    if (item.kind === 'text') {
      // Words, so that the marker reads the same to everyone, screen readers included.
      const via = document.createElement('span');
      via.className = 'chat-via';
      via.append(document.createTextNode('by text'));
      const spoken = document.createElement('span');
      spoken.className = 'visually-hidden';
      spoken.textContent = ' message (SMS)';
      via.append(spoken);
      meta.append(document.createTextNode(' · '), via);
    }
    if (item.editedAt && !item.deleted) {
      meta.append(document.createTextNode(' · edited'));
    }
    if (ownText(item)) {
      // A text's fate on the phone network, in place of the chat page's receipts.
      if (item.textState) {
        const state = document.createElement('span');
        state.className = TEXT_FAILED.has(item.textState) ? 'chat-text-state failed' : 'chat-text-state';
        state.textContent = ` · ${textStateWords(item.textState)}`;
        meta.append(state);
      }
    } else {
      const receipt = document.createElement('span');
      receipt.className = 'chat-receipt';
      meta.append(receipt);
    }
    li.append(meta);
    if (item.deleted) {
      const removed = document.createElement('p');
      removed.className = 'chat-removed';
      removed.textContent = 'Message removed.';
      li.append(removed);
      return li;
    }
    if (item.kind === 'letter') {
      const p = document.createElement('p');
      const link = document.createElement('a');
      link.href = item.letter.url;
      link.dir = 'auto';
      link.textContent = `Letter: ${item.letter.subject}`;
      p.append(link);
      li.append(p);
    } else {
      const body = document.createElement('div');
      body.className = 'chat-body';
      body.dir = 'auto';
      body.append(safeFragment(item.html));
      li.append(body);
    }
    if (item.attachments && item.attachments.length) {
      const files = document.createElement('ul');
      files.className = 'chat-files';
      item.attachments.forEach((file) => {
        const entry = document.createElement('li');
        const link = document.createElement('a');
        link.href = file.url;
        if (file.inline) {
          const img = document.createElement('img');
          img.src = file.url;
          img.alt = `Picture: ${file.name}`;
          link.append(img);
        } else {
          link.textContent = `${file.name} (${Math.ceil(file.size / 1024)} KB, download)`;
          link.setAttribute('download', '');
        }
        entry.append(link);
        files.append(entry);
      });
      li.append(files);
    }
    if (item.author === me && item.kind === 'chat' && Date.now() - Date.parse(item.at) < EDIT_WINDOW_MS && ui.form) {
      li.append(actions(item));
    }
    return li;
  }

  function actions(item) {
    const bar = document.createElement('div');
    bar.className = 'chat-actions';
    const edit = document.createElement('button');
    edit.type = 'button';
    edit.className = 'link-button';
    edit.textContent = 'Edit';
    edit.setAttribute('aria-label', 'Edit this message');
    edit.addEventListener('click', () => startEdit(item));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link-button';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', 'Delete this message');
    remove.addEventListener('click', () => {
      if (window.confirm('Delete this message for both of you?')) {
        connection.send({ type: 'chat-delete', seq: item.seq });
      }
    });
    bar.append(edit, remove);
    return bar;
  }

  function startEdit(item) {
    const li = ui.log.querySelector(`[data-seq="${item.seq}"]`);
    const form = document.createElement('form');
    form.className = 'chat-edit';
    const label = document.createElement('label');
    label.textContent = 'Edit your message';
    const area = document.createElement('textarea');
    area.id = `edit-${item.seq}`;
    label.htmlFor = area.id;
    area.value = item.text;
    area.rows = 3;
    const save = document.createElement('button');
    save.type = 'submit';
    save.textContent = 'Save';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'secondary';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => li.replaceWith(render(items.get(item.seq))));
    form.append(label, area, save, cancel);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (area.value.trim()) {
        connection.send({ type: 'chat-edit', seq: item.seq, text: area.value });
      }
    });
    li.append(form);
    area.focus();
  }

  function refreshReceipts() {
    ui.log.querySelectorAll('.chat-item.mine').forEach((li) => {
      const seq = Number(li.dataset.seq);
      const label = li.querySelector('.chat-receipt');
      if (!label || !seq) {
        return;
      }
      label.textContent = seq <= peerRead ? ' · Read' : seq <= peerDelivered ? ' · Delivered' : ' · Sent';
    });
  }

  /** Tells the other side what arrived, and what was seen when the page is in view. */
  function acknowledge() {
    const theirs = [...items.values()].filter((i) => i.author !== me).map((i) => i.seq);
    if (!theirs.length) {
      return;
    }
    const newest = Math.max(...theirs);
    const frame = { type: 'chat-receipt', delivered: newest };
    if (document.visibilityState === 'visible') {
      frame.read = newest;
    }
    connection.send(frame);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      acknowledge();
    }
  });

  function settle(clientId, item) {
    const waiting = pending.get(clientId);
    pending.delete(clientId);
    if (waiting) {
      waiting.remove();
    }
    upsert(item, true);
    refreshReceipts();
  }

  function showPending(clientId, text) {
    const li = document.createElement('li');
    li.className = 'chat-item mine';
    li.dataset.clientId = clientId;
    const meta = document.createElement('p');
    meta.className = 'chat-meta';
    meta.textContent = 'You · Sending…';
    const body = document.createElement('div');
    body.className = 'chat-body';
    body.dir = 'auto';
    body.textContent = text;
    li.append(meta, body);
    ui.log.append(li);
    ui.log.scrollTop = ui.log.scrollHeight;
    pending.set(clientId, li);
  }

  function setStatus(text) {
    ui.status.textContent = text;
  }

  function showError(message) {
    if (!ui.error) {
      setStatus(message);
      return;
    }
    ui.error.hidden = false;
    ui.error.textContent = message;
  }

  function clearError() {
    if (ui.error) {
      ui.error.hidden = true;
      ui.error.textContent = '';
    }
  }

  async function upload(file) {
    const body = new FormData();
    body.append('file', file);
    const response = await fetch(`/messages/${conversation}/attachments`, {
      method: 'POST', body, credentials: 'same-origin',
      headers: csrfHeaders(),
    });
    const answer = await response.json().catch(() => ({ message: 'The file could not be sent.' }));
    if (!response.ok) {
      throw new Error(answer.message || 'The file could not be sent.');
    }
    return answer.id;
  }

  if (ui.form) {
    ui.form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearError();
      const text = ui.text.value;
      const files = ui.file ? [...ui.file.files] : [];
      if (!text.trim() && !files.length) {
        showError('Write a message or attach a file first.');
        ui.text.focus();
        return;
      }
      if (new TextEncoder().encode(text).length > 16 * 1024) {
        showError('A chat message may hold at most 16 KiB of text: send a letter for longer writing.');
        return;
      }
      let ids = [];
      try {
        ids = await Promise.all(files.map(upload));
      } catch (problem) {
        showError(problem.message);
        return;
      }
      const clientId = crypto.randomUUID();
      showPending(clientId, text);
      connection.sendMessage(clientId, text, ids);
      ui.text.value = '';
      if (ui.file) {
        ui.file.value = '';
      }
    });
    ui.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        ui.form.requestSubmit();
      }
    });
    ui.text.addEventListener('input', () => {
      if (Date.now() - lastTypingSent > 3000) {
        lastTypingSent = Date.now();
        connection.send({ type: 'chat-typing' });
      }
    });
  }

  if (ui.earlier) {
    ui.earlier.addEventListener('click', () => {
      if (oldestSeq !== null) {
        connection.send({ type: 'chat-history', before: oldestSeq, limit: 50 });
      }
    });
  }

  return { onFrame, setStatus };
}
