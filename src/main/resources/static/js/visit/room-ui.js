// Status texts, focus, the call timer and the therapist's "client waiting" cue.

export function createRoomUi(visit) {
  const { ui, main } = visit;
  let timerInterval = 0;

  function setCallStatus(text) {
    // Only on change: the status is a live region, and an unchanged text must not be announced again.
    if (ui.callStatus.textContent !== text) {
      ui.callStatus.textContent = text;
    }
  }

  function setWaitingStatus(text) {
    if (ui.waitingStatus && ui.waitingStatus.textContent.trim() !== text) {
      ui.waitingStatus.textContent = text;
    }
  }

  /** Moves focus to the main region when the focused control disappeared or was disabled. */
  function focusMain() {
    if (!document.activeElement || document.activeElement === document.body || document.activeElement.closest('[hidden]')
        || document.activeElement.disabled) {
      main.focus();
    }
  }

  function pressed(button, on) {
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  /** Marks the page (and its tab title) while a client waits, so that a therapist in another tab sees it. */
  function showWaitingCue() {
    main.classList.add('client-waiting');
    document.title = `(waiting) ${visit.baseTitle}`;
  }

  function clearWaitingCue() {
    main.classList.remove('client-waiting');
    document.title = visit.baseTitle;
  }

  function startTimer() {
    stopTimer();
    const tick = () => {
      const seconds = Math.floor((Date.now() - visit.admittedAt) / 1000);
      const h = Math.floor(seconds / 3600);
      const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
      const ss = String(seconds % 60).padStart(2, '0');
      ui.timer.textContent = h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
    };
    tick();
    timerInterval = setInterval(tick, 1000);
  }

  function stopTimer() {
    clearInterval(timerInterval);
    ui.timer.textContent = '00:00';
  }

  return {
    setCallStatus, setWaitingStatus, focusMain, pressed, showWaitingCue, clearWaitingCue, startTimer, stopTimer,
  };
}
