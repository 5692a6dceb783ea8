// Keeps the Haven login session alive during a visit: a call has no page requests, and the session
// would otherwise time out in the middle of it.

import { csrfHeaders } from '../haven.js';

const EVERY = 5 * 60 * 1000;

export function createKeepalive() {
  let interval = 0;

  function start() {
    if (interval) {
      return;
    }
    interval = setInterval(keepalive, EVERY);
  }

  function stop() {
    clearInterval(interval);
    interval = 0;
  }

  function keepalive() {
    fetch('/session/keepalive', {
      method: 'POST', credentials: 'same-origin', headers: csrfHeaders(),
    }).then((response) => {
      if (response.ok) {
        // haven.js, which warns before the session times out, learns that it was renewed.
        document.dispatchEvent(new Event('haven:activity'));
      }
    }).catch(() => {});
  }

  return { start, stop };
}
