// The therapist's side of the waiting room: the waiting client's check-in (location, state or country,
// phone during the session), a chime, admit and send back.

export function createCheckIn(visit) {
  const { role, room, ui, peerName } = visit;
  const $ = (id) => document.getElementById(id);

  function onWaiting(frame) {
    if (role !== 'therapist' || visit.state === 'in-call') {
      return;
    }
    const checkIn = frame.checkIn || {};
    $('check-in-location').textContent = checkIn.location || '';
    $('check-in-jurisdiction').textContent = checkIn.jurisdiction || '';
    $('check-in-phone').textContent = checkIn.phone || '';
    $('check-in').classList.remove('empty');
    // The same, in the call's More panel: where the client is matters most if something happens during it.
    $('call-check-in-location').textContent = checkIn.location || '';
    $('call-check-in-jurisdiction').textContent = checkIn.jurisdiction || '';
    $('call-check-in-phone').textContent = checkIn.phone || '';
    visit.roomUi.setWaitingStatus(`${peerName} is in the waiting room. Their check-in is below; admit them when you are ready.`);
    visit.roomUi.showWaitingCue();
    ui.admit.disabled = false;
    ui.sendBack.disabled = true;
    visit.sound.tone(660, 0.25).then(() => visit.sound.tone(880, 0.35)).catch(() => {});
  }

  if (ui.admit) {
    ui.admit.addEventListener('click', () => {
      visit.signaling.send({ type: 'visit-admit', room });
      ui.admit.disabled = true;
      // Focusable, so that focus can move to the call's heading once it opens.
      ui.callHeading.tabIndex = -1;
    });
  }
  if (ui.sendBack) {
    ui.sendBack.addEventListener('click', () => {
      visit.signaling.send({ type: 'visit-send-back', room });
    });
  }

  return { onWaiting };
}
