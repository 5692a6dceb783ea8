// The intake questionnaire: answers are saved while the client writes (a second and a half after they stop,
// and when the page is hidden or left), so a closed tab loses nothing. Each save names the version it was
// made from; a save from a stale page (another window saved meanwhile) is refused with 409, and this page
// stops saving and says so. The form's Save button does the same without this script.

const form = document.querySelector('form[data-intake-api]');

function csrfHeaders() {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  return header && token ? { [header.content]: token.content } : {};
}

const NOT_ANSWERS = new Set(['_csrf', 'version', 'send', 'save']);

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
    try {
      const response = await fetch(api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...csrfHeaders() },
        body: `{"version":${Number(version.value)},"answers":${content}}`,
        keepalive: leaving,
      });
      if (response.ok) {
        const answer = await response.json();
        version.value = answer.version;
        saved = content;
        const at = new Date(answer.savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
        status.textContent = `Saved ${at}`;
      } else if (response.status === 409) {
        stopped = true;
        const problem = await response.json().catch(() => ({}));
        status.textContent = `Not saved: ${problem.detail || 'these answers were changed in another window.'}`;
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
