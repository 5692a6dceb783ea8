// Session notes: the draft is saved while the therapist writes (two seconds after they stop typing, and when
// the page is hidden or left). Each save names the version it was written on; a save that finds the note
// changed elsewhere (another tab) is refused and nothing is overwritten. The "Save draft" button does the
// same without this script.

import { csrfHeaders } from './haven.js';

const form = document.querySelector('form[data-note-form]');

if (form) {
  const status = document.getElementById('draft-status');
  const version = form.elements.namedItem('version');
  const api = form.dataset.draftApi;

  const payload = () => {
    const sections = {};
    let template = null;
    for (const element of form.elements) {
      if (element.tagName === 'TEXTAREA') {
        sections[element.name] = element.value;
      } else if (element.name === 'template' && (element.type === 'hidden' || element.checked)) {
        template = element.value;
      }
    }
    return { template, sections };
  };
  let saved = JSON.stringify(payload());
  let timer = 0;
  let stopped = false;

  const save = async (leaving) => {
    clearTimeout(timer);
    const content = payload();
    const text = JSON.stringify(content);
    if (stopped || text === saved) {
      return;
    }
    try {
      const response = await fetch(api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...csrfHeaders() },
        body: JSON.stringify({ version: Number(version.value), ...content }),
        keepalive: leaving && text.length < 60000,
      });
      if (response.ok) {
        const answer = await response.json();
        saved = text;
        version.value = answer.version;
        status.textContent = `Draft saved ${new Date(answer.savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
      } else if (response.status === 409) {
        stopped = true;
        const problem = await response.json().catch(() => ({}));
        status.textContent = `Not saved: ${problem.detail || 'this note changed elsewhere.'}`;
      } else if (response.status === 400) {
        const problem = await response.json().catch(() => ({}));
        status.textContent = `Not saved: ${problem.detail || 'check what you wrote.'}`;
      } else if (response.status === 401 || response.status === 403) {
        status.textContent = 'Not saved: you were signed out. Copy what you wrote before leaving this page.';
      } else {
        status.textContent = 'Not saved just now. It will be tried again as you write.';
      }
    } catch (error) {
      if (!leaving) {
        status.textContent = 'Not saved: no connection. It will be tried again as you write.';
      }
    }
  };

  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => save(false), 2000);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      save(true);
    }
  });
  window.addEventListener('pagehide', () => save(true));
  // A submitted form carries the text itself: no save may race it with an older version.
  form.addEventListener('submit', () => {
    stopped = true;
    clearTimeout(timer);
  });
}
