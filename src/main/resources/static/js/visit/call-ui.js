// The call as people know it from video-call apps: once admitted, the call covers the window (body.in-call),
// the page's heading and tab title say whom the session is with, and one bar holds the controls. This part
// runs the bar's panels (More, the connection details, the text drawer with its unread mark), asks before
// ending the session for both, and once the session is over shows "What's next" instead of a dead room.

export function createCallUi(visit) {
  const { call, peerName } = visit;
  const $ = (id) => document.getElementById(id);
  const heading = $('room-heading');
  const roomHeading = heading ? heading.textContent : '';
  const roomTitle = visit.baseTitle;
  const suffix = roomTitle.includes(' · ') ? roomTitle.slice(roomTitle.indexOf(' · ')) : '';
  const more = { button: $('more'), panel: $('more-panel') };
  const quality = { button: $('quality-toggle'), panel: $('quality-panel') };
  const text = { button: $('text-toggle'), panel: $('text-drawer'), close: $('text-close'), input: $('session-text'),
    dot: call.querySelector('.unread-dot'), unread: $('text-unread') };
  const endDialog = $('end-dialog');
  const whatsNext = $('whats-next');

  function setHeading(words, title) {
    if (heading) {
      heading.textContent = words;
    }
    visit.baseTitle = title;
    document.title = title;
  }

  // A therapist's risk alerts stay in sight during the call: the banner moves into the call's top bar, and its
  // links open beside the call instead of leaving it. It goes back in place when the call is over.
  const callTop = call.querySelector('.call-top');
  let riskHome = null;

  function riskIntoCall(inCall) {
    const riskBanner = document.querySelector('.risk-banner');
    if (!riskBanner || !callTop || (inCall && riskBanner.parentNode === callTop) || (!inCall && !riskHome)) {
      return;
    }
    if (inCall) {
      riskHome = { parent: riskBanner.parentNode, next: riskBanner.nextSibling };
    }
    riskBanner.querySelectorAll('a').forEach((link) => {
      if (inCall) {
        link.target = '_blank';
        link.rel = 'noopener';
      } else {
        link.removeAttribute('target');
        link.removeAttribute('rel');
      }
    });
    if (inCall) {
      callTop.append(riskBanner);
    } else {
      riskHome.parent.insertBefore(riskBanner, riskHome.next);
    }
  }

  /** The call starts (or comes back after a new admit): it takes the window. */
  function enter() {
    riskIntoCall(true);
    document.body.classList.add('in-call');
    call.hidden = false;
    if (whatsNext) {
      whatsNext.hidden = true;
    }
    setHeading(`Session with ${peerName}`, `Session with ${peerName}${suffix}`);
  }

  /** Back to the room's page: sent back to the waiting room, or the session ended. */
  function leave() {
    closePanels();
    closeDrawer(false);
    if (endDialog.open) {
      endDialog.close();
    }
    document.body.classList.remove('in-call');
    riskIntoCall(false);
    call.hidden = true;
    setHeading(roomHeading, roomTitle);
  }

  /** The session is over for both: what comes next, with focus on it. */
  function ended() {
    leave();
    setHeading('Session ended', `Session ended${suffix}`);
    if (whatsNext) {
      whatsNext.hidden = false;
      whatsNext.querySelector('h2').focus();
    }
  }

  // ---- More and the connection details: small panels that open from a button -----------------------
  const popovers = [more, quality];

  function setOpen(popover, open) {
    popover.panel.hidden = !open;
    popover.button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  function closePanels() {
    popovers.forEach((p) => setOpen(p, false));
  }

  popovers.forEach((popover) => {
    popover.button.addEventListener('click', () => {
      const open = popover.panel.hidden;
      closePanels();
      setOpen(popover, open);
    });
    popover.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        setOpen(popover, false);
        popover.button.focus();
      }
    });
    popover.button.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !popover.panel.hidden) {
        setOpen(popover, false);
      }
    });
  });

  // A press or click elsewhere closes them, as menus do.
  document.addEventListener('pointerdown', (event) => {
    popovers.forEach((p) => {
      if (!p.panel.hidden && !p.panel.contains(event.target) && !p.button.contains(event.target)) {
        setOpen(p, false);
      }
    });
  });

  // ---- The text drawer --------------------------------------------------------------------------------
  function openDrawer() {
    closePanels();
    text.panel.hidden = false;
    text.button.setAttribute('aria-expanded', 'true');
    text.dot.hidden = true;
    text.unread.hidden = true;
    // The "new message" notice has done its work once the drawer is open.
    if (visit.ui.callStatus.textContent.startsWith('New message from')) {
      const { pc } = visit.peer;
      visit.roomUi.setCallStatus(pc && pc.connectionState === 'connected' ? 'Connected' : '');
    }
    text.input.focus();
  }

  function closeDrawer(returnFocus) {
    const wasOpen = !text.panel.hidden;
    text.panel.hidden = true;
    text.button.setAttribute('aria-expanded', 'false');
    if (wasOpen && returnFocus) {
      text.button.focus();
    }
  }

  text.button.addEventListener('click', () => (text.panel.hidden ? openDrawer() : closeDrawer(true)));
  text.close.addEventListener('click', () => closeDrawer(true));
  text.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      closeDrawer(true);
    }
  });

  /** A message from the other side: marked on the Text button and announced while the drawer is closed. */
  function noteIncoming() {
    if (text.panel.hidden && visit.state === 'in-call') {
      text.dot.hidden = false;
      text.unread.hidden = false;
      visit.roomUi.setCallStatus(`New message from ${peerName}. Press Text to read it.`);
    }
  }

  // ---- Ending: asked first, since it ends the session for both -----------------------------------------
  visit.ui.end.addEventListener('click', () => {
    closePanels();
    if (typeof endDialog.showModal === 'function') {
      endDialog.showModal();
    } else {
      visit.session.end();
    }
  });
  $('end-cancel').addEventListener('click', () => endDialog.close());
  $('end-confirm').addEventListener('click', () => {
    endDialog.close();
    visit.session.end();
  });

  return { enter, leave, ended, noteIncoming };
}
