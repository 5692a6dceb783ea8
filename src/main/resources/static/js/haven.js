// Haven's page script (an ES module; the CSP allows no inline scripts), on every page.
// The idle-timeout warning: a minute before the session would end for inactivity, offer to stay signed in.
// It also lends the other page scripts the CSRF token for their own requests: every page has loaded it
// already, and a module imported again runs once.

/** Spring Security's CSRF token, from the layout's <meta> tags, as fetch headers; none on a page without them. */
export function csrfHeaders() {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  return header && token ? { [header.content]: token.content } : {};
}

const idleSeconds = Number(document.body.dataset.idleSeconds || 0);

if (idleSeconds > 0) {
  const warning = document.getElementById('idle-warning');
  const countdown = document.getElementById('idle-countdown');
  const stay = document.getElementById('idle-stay');
  const warnBefore = Math.min(60, Math.max(5, Math.floor(idleSeconds / 4)));
  let deadline = 0;
  let warnTimer = 0;
  let tick = 0;

  const schedule = () => {
    deadline = Date.now() + idleSeconds * 1000;
    clearTimeout(warnTimer);
    clearInterval(tick);
    warning.hidden = true;
    warnTimer = setTimeout(showWarning, (idleSeconds - warnBefore) * 1000);
  };

  const showWarning = () => {
    warning.hidden = false;
    stay.focus();
    const update = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      countdown.textContent = String(left);
      if (left <= 0) {
        clearInterval(tick);
        window.location.assign('/login?timeout');
      }
    };
    update();
    tick = setInterval(update, 1000);
  };

  stay.addEventListener('click', async () => {
    const response = await fetch('/session/keepalive', {
      method: 'POST', credentials: 'same-origin', headers: csrfHeaders(),
    });
    if (response.ok) {
      schedule();
    } else {
      window.location.assign('/login?timeout');
    }
  });

  // Other scripts report activity the server saw without a page load (a visit keeps the session alive).
  document.addEventListener('haven:activity', schedule);

  schedule();
}

// Error summaries take focus so that screen-reader and keyboard users hear about problems first;
// without one, a confirmation marked data-focus-on-load (e.g. "The session is booked") does.
const summary = document.querySelector('.error-summary[tabindex="-1"]')
  || document.querySelector('[data-focus-on-load][tabindex="-1"]');
if (summary) {
  summary.focus();
}

// The navigation on a narrow screen: the menu button shows and hides the links (the stylesheet folds them only
// where scripting runs, so without this script they stay in view). Escape closes it and returns focus.
const menuButton = document.querySelector('.menu-button');
const siteNav = document.getElementById('site-nav');
if (menuButton && siteNav) {
  const setOpen = (open) => {
    menuButton.setAttribute('aria-expanded', String(open));
    siteNav.classList.toggle('open', open);
  };
  menuButton.addEventListener('click', () => setOpen(menuButton.getAttribute('aria-expanded') !== 'true'));
  siteNav.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && siteNav.classList.contains('open')) {
      setOpen(false);
      menuButton.focus();
    }
  });
}
