// The intake questionnaire: answers are saved while the client writes (a second and a half after they stop,
// and when the page is hidden or left), so a closed tab loses nothing. Each save names the version it was
// made from; a save from a stale page (another window saved meanwhile) is refused with 409, and this page
// stops saving and says so. The form's Save button does the same without this script.

import { csrfHeaders } from './haven.js';

const form = document.querySelector('form[data-intake-api]');

const NOT_ANSWERS = new Set(['_csrf', 'version', 'send', 'save']);

const SIGNED_OUT = 'you were signed out. Copy what you wrote before leaving this page.';
const FAILURES = {
  400: 'check what you wrote.',
  401: SIGNED_OUT,
  403: SIGNED_OUT,
  409: 'these answers were changed in another window. Reload the page to see them.',
  offline: 'no connection. It will be tried again as you write.',
  other: 'not just now. It will be tried again as you write.',
};

if (form) {
  const status = document.getElementById('save-status');
  const version = form.elements.namedItem('version');
  const api = form.dataset.intakeApi;

  const answers = () => {
    const values = {};
    for (const element of form.elements) {
      if (!element.name || NOT_ANSWERS.has(element.name)) {
        continue;
      }
      if (element.type === 'radio') {
        if (element.checked) {
          values[element.name] = element.value;
        }
      } else {
        values[element.name] = element.value;
      }
    }
    return values;
  };

  let saved = JSON.stringify(answers());
  let timer = 0;
  let stopped = false;

  const save = async (leaving) => {
    clearTimeout(timer);
    const content = JSON.stringify(answers());
    if (stopped || content === saved) {
      return;
    }
    const body = `{"version":${Number(version.value)},"answers":${content}}`;
    try {
      const response = await fetch(api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...csrfHeaders() },
        body,
        // Browsers send at most 64 KiB with keepalive; longer answers were saved while typing.
        keepalive: leaving && body.length < 60000,
      });
      if (response.ok) {
        const answer = await response.json();
        version.value = answer.version;
        saved = content;
        const at = new Date(answer.savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
        status.textContent = `Saved ${at}`;
      } else {
        // 409: stale or already sent, so saving again cannot help; 400: the problem names the answer.
        stopped = response.status === 409;
        const problem = [400, 409].includes(response.status) ? await response.json().catch(() => ({})) : {};
        status.textContent = `Not saved: ${problem.detail || FAILURES[response.status] || FAILURES.other}`;
      }
    } catch (error) {
      if (!leaving) {
        status.textContent = `Not saved: ${FAILURES.offline}`;
      }
    }
  };

  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => save(false), 1500);
  };
  form.addEventListener('input', soon);
  form.addEventListener('change', soon);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      save(true);
    }
  });
  window.addEventListener('pagehide', () => save(true));
  // The form's own post carries the version this page holds; no save may overtake it.
  form.addEventListener('submit', () => {
    stopped = true;
    clearTimeout(timer);
  });
}
