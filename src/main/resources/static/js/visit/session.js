// The room's course, driven by Haven's frames: joined, waiting, admitted, sent back, ended, and the
// other side leaving and coming back. Starts and leaves the call.

export function createSession(visit) {
  const { role, room, ui, call, peerName } = visit;
  const { setCallStatus, setWaitingStatus, focusMain, clearWaitingCue } = visit.roomUi;
  let joinedOnce = false;

  function onFrame(frame) {
    switch (frame.type) {
      case 'visit-joined': return onJoined(frame);
      case 'visit-waiting': return visit.checkIn.onWaiting(frame);
      case 'visit-admitted': return onAdmitted(frame);
      case 'visit-sent-back': return onSentBack();
      case 'visit-peer-left': return onPeerLeft();
      case 'visit-peer-joined': return onPeerJoined();
      case 'visit-signal': return visit.peer.onSignal(frame);
      case 'visit-media': return visit.media.onRemoteMedia(frame);
      case 'visit-ended': return onEnded();
      case 'error': return onError(frame);
      default: return undefined;
    }
  }

  function onJoined(frame) {
    const first = !joinedOnce;
    joinedOnce = true;
    visit.signaling.markJoined();
    if (frame.state === 'ended') {
      onEnded();
      return;
    }
    if (frame.state === 'admitted') {
      const { pc } = visit.peer;
      if (!pc) {
        onAdmitted({ polite: role === 'client' });
      } else {
        // A reconnected socket while the call went on: the call may have survived without it.
        setCallStatus(pc.connectionState === 'connected' ? 'Connected' : 'Reconnecting…');
        if (!visit.peer.polite && pc.connectionState !== 'connected') {
          pc.restartIce();
        }
      }
      return;
    }
    // Waiting.
    if (visit.state === 'in-call') {
      leaveCall();
    }
    visit.state = 'waiting';
    if (role === 'client') {
      setWaitingStatus('You are checked in. Your therapist will admit you shortly.');
      if (first) {
        visit.waitingRoom.networkCheck();
      }
    }
  }

  function onError(frame) {
    console.warn('Haven answered', frame.code, frame.message);
    visit.peer.note(`Haven answered ${frame.code}`);
    if (frame.code === 'check-in-required') {
      setWaitingStatus('Please check in first: reload this page to see the check-in form.');
    } else if (frame.code === 'not-open') {
      setWaitingStatus('The room is not open now.');
      visit.state = 'ended';
      visit.signaling.stop();
    }
  }

  function onAdmitted(frame) {
    visit.peer.note('admitted');
    visit.peer.setPolite(frame.polite === true);
    if (visit.state !== 'in-call') {
      visit.state = 'in-call';
      visit.admittedAt = visit.admittedAt || Date.now();
      startCall();
    }
    if (role === 'therapist') {
      clearWaitingCue();
      setWaitingStatus(`${peerName} is in the session.`);
      ui.admit.disabled = true;
      ui.sendBack.disabled = false;
    } else {
      setWaitingStatus('Your therapist admitted you.');
      visit.waitingRoom.stopMeter();
      if (ui.deviceCheck) {
        ui.deviceCheck.hidden = true;
      }
    }
    visit.callUi.enter();
    // The call now covers the page: whatever had focus outside it is hidden, so focus moves to its heading.
    if (!call.contains(document.activeElement)) {
      ui.callHeading.tabIndex = -1;
      ui.callHeading.focus();
    }
  }

  function onSentBack() {
    leaveCall();
    visit.state = 'waiting';
    if (role === 'client') {
      setWaitingStatus('Your therapist moved you back to the waiting room. They will admit you again shortly.');
      if (ui.deviceCheck) {
        ui.deviceCheck.hidden = false;
        visit.waitingRoom.startMeter();
      }
      focusMain();
    } else {
      setWaitingStatus(`${peerName} is back in the waiting room.`);
      ui.admit.disabled = false;
      ui.sendBack.disabled = true;
      ui.admit.focus();
    }
  }

  function onEnded() {
    const wasInCall = visit.state === 'in-call';
    leaveCall();
    visit.state = 'ended';
    visit.keepalive.stop();
    visit.waitingRoom.stopMeter();
    visit.media.stopLocalMedia();
    visit.signaling.stop();
    clearWaitingCue();
    if (ui.admit) {
      ui.admit.disabled = true;
      ui.sendBack.disabled = true;
    }
    if (ui.deviceCheck) {
      ui.deviceCheck.hidden = true;
    }
    setWaitingStatus(wasInCall || role === 'client' ? 'The session has ended. Thank you.' : 'The session has ended.');
    visit.callUi.ended();
    focusMain();
  }

  function onPeerLeft() {
    if (visit.state === 'in-call') {
      setCallStatus('Reconnecting…');
    } else if (role === 'therapist' && visit.state === 'waiting') {
      ui.admit.disabled = true;
      clearWaitingCue();
      setWaitingStatus(`${peerName} left the waiting room.`);
    }
  }

  function onPeerJoined() {
    const { pc } = visit.peer;
    if (visit.state !== 'in-call' || !pc) {
      return;
    }
    if (pc.connectionState === 'connected') {
      setCallStatus('Connected');
    }
    // The peer's signaling was away; whatever changed meanwhile, the offerer renews the ICE session.
    if (!visit.peer.polite) {
      pc.restartIce();
    }
  }

  /** Ends the session for both (call-ui.js asks first). */
  function end() {
    visit.signaling.send({ type: 'visit-end', room });
    // Without a socket no "visit-ended" will come back: end here.
    if (!visit.signaling.isOpen()) {
      onEnded();
    }
  }

  async function startCall() {
    setCallStatus('Connecting…');
    visit.roomUi.startTimer();
    visit.keepalive.start();
    await visit.peer.loadServers();
    if (visit.state !== 'in-call') {
      return;
    }
    visit.peer.create();
    await visit.media.ensureLocalMedia();
    if (visit.state !== 'in-call' || !visit.peer.pc) {
      return;
    }
    visit.peer.note('local media');
    visit.media.addLocalTracks();
    visit.quality.start();
    visit.devices.fillDeviceLists();
  }

  function leaveCall() {
    visit.peer.close();
    visit.quality.stop();
    visit.roomUi.stopTimer();
    visit.admittedAt = 0;
    visit.media.dropScreenShare();
    visit.callUi.leave();
    ui.qualityOffer.hidden = true;
    ui.remoteVideo.srcObject = null;
    ui.remoteAudio.srcObject = null;
  }

  return { onFrame, end };
}
