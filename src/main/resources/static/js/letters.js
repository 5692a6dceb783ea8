// Letters: the draft is saved while the person writes (two seconds after they stop typing, and when the
// page is hidden or left), so that a closed tab or a lost connection loses nothing. The form's "Save draft"
// button does the same without this script. Times are shown in the reader's own time zone.

import { csrfHeaders } from './haven.js';

const form = document.querySelector('form[data-letter-form]');

function clock(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

// Browsers send at most 64 KiB with keepalive; a longer draft is sent without it (and was saved while typing).
const KEEPALIVE_LIMIT = 60000;
const MAX_FILES = 5;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

if (form) {
  const status = document.getElementById('draft-status');
  const subject = form.elements.namedItem('subject');
  const body = form.elements.namedItem('body');
  const files = form.elements.namedItem('files');
  const api = form.dataset.draftApi;
  const thread = form.dataset.thread || null;
  const id = form.elements.namedItem('draft').value;

  const payload = () => JSON.stringify({ id, thread, subject: subject ? subject.value : '', body: body.value });
  let saved = payload();
  let timer = 0;
  let sending = false;
  let stopped = false;

  const save = async (leaving) => {
    clearTimeout(timer);
    const content = payload();
    if (sending || stopped || content === saved) {
      return;
    }
    try {
      const response = await fetch(api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...csrfHeaders() },
        body: content,
        keepalive: leaving && content.length < KEEPALIVE_LIMIT,
      });
      if (response.ok) {
        const answer = await response.json();
        saved = content;
        if (answer.alreadySent) {
          stopped = true;
          status.textContent = 'This letter was already sent.';
        } else {
          status.textContent = `Draft saved ${clock(answer.savedAt)}`;
        }
      } else if (response.status === 409) {
        stopped = true;
        status.textContent = 'Draft not saved: this care relationship has ended.';
      } else if (response.status === 400) {
        const problem = await response.json().catch(() => ({}));
        status.textContent = `Draft not saved: ${problem.detail || 'check what you wrote.'}`;
      } else if (response.status === 401 || response.status === 403) {
        status.textContent = 'Draft not saved: you were signed out. Copy what you wrote before leaving this page.';
      } else {
        status.textContent = 'Draft not saved just now. It will be tried again as you write.';
      }
    } catch (error) {
      if (!leaving) {
        status.textContent = 'Draft not saved: no connection. It will be tried again as you write.';
      }
    }
  };

  form.addEventListener('input', (event) => {
    if (event.target === files) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => save(false), 2000);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      save(true);
    }
  });
  window.addEventListener('pagehide', () => save(true));

  form.addEventListener('submit', (event) => {
    const submitter = event.submitter;
    if (submitter && submitter.name === 'save') {
      return;
    }
    // Files over the limits would make the whole letter fail after a long upload: say so before sending.
    const chosen = files ? Array.from(files.files) : [];
    const problem = chosen.length > MAX_FILES ? 'Attach at most 5 files to a letter.'
      : chosen.filter((f) => f.size > MAX_FILE_BYTES).map((f) => `The file "${f.name}" is larger than 10 MB.`)[0];
    if (problem) {
      event.preventDefault();
      status.textContent = problem;
      files.setAttribute('aria-invalid', 'true');
      files.focus();
      return;
    }
    // Sending takes the draft's place: no save may arrive after it and bring the draft back.
    sending = true;
    clearTimeout(timer);
  });
}

for (const time of document.querySelectorAll('.letters time[datetime]')) {
  const at = new Date(time.getAttribute('datetime'));
  if (!Number.isNaN(at.getTime())) {
    time.textContent = at.toLocaleString([], { dateStyle: 'long', timeStyle: 'short' });
  }
}
