// The RTCPeerConnection: "perfect negotiation" (the client is the polite side), ICE restarts by the
// impolite side, and the remote audio and video. Media flows peer to peer, never through Haven.

export function createPeer(visit) {
  const { room, ui } = visit;
  let pc = null;
  let polite = visit.role === 'client';
  let makingOffer = false;
  let ignoreOffer = false;
  let settingRemoteAnswer = false;
  let remoteSession = null;
  let signalChain = Promise.resolve();
  let disconnectTimer = 0;
  let remoteStream = null;
  // What happened to the connection, for diagnosing a call that does not connect: event names and states
  // only, never descriptions or addresses.
  const trace = [];
  const note = (what) => {
    trace.push(`${Math.round(performance.now())} ${what}`);
    if (trace.length > 200) {
      trace.shift();
    }
  };

  // Asked for at once, so that they are usually there by the time the therapist admits.
  const iceServers = fetchIceServers();
  let servers = [];

  const send = (frame) => visit.signaling.send(frame);
  const setCallStatus = (text) => visit.roomUi.setCallStatus(text);

  /** Waits for the ICE servers (at most the fetch's 5 s timeout). */
  async function loadServers() {
    servers = await iceServers;
  }

  function create() {
    // One transport for everything: fewer candidates to gather and relay.
    pc = new RTCPeerConnection({ iceServers: servers, bundlePolicy: 'max-bundle' });
    const connection = pc;
    note('create');
    makingOffer = false;
    ignoreOffer = false;
    settingRemoteAnswer = false;
    remoteSession = null;
    remoteStream = new MediaStream();
    ui.remoteVideo.srcObject = remoteStream;
    ui.remoteVideo.muted = true; // the sound plays through #remote-audio, once
    ui.remoteAudio.srcObject = remoteStream;

    connection.addEventListener('negotiationneeded', async () => {
      try {
        makingOffer = true;
        await connection.setLocalDescription();
        if (pc === connection) {
          note(`send ${connection.localDescription.type}`);
          send({ type: 'visit-signal', room, description: plain(connection.localDescription) });
        }
      } catch (err) {
        console.warn('Could not make an offer', err);
      } finally {
        makingOffer = false;
      }
    });
    connection.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate && pc === connection) {
        note('send candidate');
        send({ type: 'visit-signal', room, candidate: candidate.toJSON() });
      }
    });
    connection.addEventListener('track', ({ track }) => {
      remoteStream.addTrack(track);
      track.addEventListener('ended', () => remoteStream.removeTrack(track));
      play(ui.remoteAudio);
      if (track.kind === 'video') {
        play(ui.remoteVideo);
      }
    });
    // A connection that has not connected 8 s after it was made gets an ICE restart from the side that makes
    // offers, as a dropped connection would: that recovers a candidate lost on the way. If it still has not
    // connected 8 s later, that side starts afresh with a new connection; the other side sees a new session
    // in the next offer and starts afresh too. That recovers a connection that never gathers a candidate
    // of its own (Chromium, rarely, after an offer collision at the very start of a call).
    let watchdogRounds = 0;
    const watchdog = setInterval(() => {
      if (pc !== connection || connection.connectionState === 'closed') {
        clearInterval(watchdog);
      } else if (!polite && connection.connectionState !== 'connected') {
        watchdogRounds += 1;
        if (watchdogRounds === 1) {
          note('watchdog restart');
          connection.restartIce();
        } else {
          note('watchdog rebuild');
          clearInterval(watchdog);
          rebuild();
        }
      }
    }, 8000);
    connection.addEventListener('icegatheringstatechange', () => note(`gathering ${connection.iceGatheringState}`));
    connection.addEventListener('iceconnectionstatechange', () => note(`ice ${connection.iceConnectionState}`));
    connection.addEventListener('signalingstatechange', () => note(`signaling ${connection.signalingState}`));
    connection.addEventListener('connectionstatechange', () => {
      if (pc !== connection) {
        return;
      }
      if (['connected', 'closed'].includes(connection.connectionState)) {
        clearInterval(watchdog);
      }
      const s = connection.connectionState;
      if (s === 'connected') {
        clearTimeout(disconnectTimer);
        disconnectTimer = 0;
        setCallStatus('Connected');
        // Encoder limits set while connecting may not have taken: set them again.
        if (visit.media.lowBandwidth) {
          visit.media.applyBandwidth();
        }
      } else if (s === 'disconnected') {
        // Often passes by itself (a short network change): restart ICE only if it lasts.
        setCallStatus('Reconnecting…');
        clearTimeout(disconnectTimer);
        disconnectTimer = setTimeout(() => {
          if (pc === connection && connection.connectionState === 'disconnected' && !polite) {
            connection.restartIce();
          }
        }, 2000);
      } else if (s === 'failed') {
        setCallStatus('Reconnecting…');
        if (!polite) {
          connection.restartIce();
        }
      }
    });
    // The therapist's side opens the text channel; the client's side receives it.
    if (!polite) {
      visit.textPanel.useChannel(connection.createDataChannel('text'));
    } else {
      connection.addEventListener('datachannel', (event) => {
        if (pc === connection && event.channel.label === 'text') {
          visit.textPanel.useChannel(event.channel);
        }
      });
    }
  }

  function onSignal(frame) {
    // One signal at a time, in order: each waits for the previous one's descriptions to be set.
    signalChain = signalChain.then(() => handleSignal(frame)).catch((err) => console.warn('Signal failed', err));
  }

  async function handleSignal({ description, candidate }) {
    // Signals can arrive before this side has its connection (the admission is still being handled, or the
    // machine is slow): wait up to 10 s for it rather than drop the offer or a candidate.
    for (let i = 0; !pc && visit.state === 'in-call' && i < 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!pc) {
      note(`dropped ${description ? description.type : 'candidate'} (no connection)`);
      return;
    }
    if (description) {
      note(`received ${description.type}`);
      const session = sessionId(description.sdp);
      if (remoteSession && session && session !== remoteSession && pc.remoteDescription) {
        // The other side started afresh (a reloaded page): so does this one.
        rebuild();
        if (description.type !== 'offer') {
          return;
        }
      }
      const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || settingRemoteAnswer);
      const offerCollision = description.type === 'offer' && !readyForOffer;
      ignoreOffer = !polite && offerCollision;
      if (ignoreOffer) {
        note('ignored the offer');
        return;
      }
      settingRemoteAnswer = description.type === 'answer';
      await pc.setRemoteDescription(description);
      settingRemoteAnswer = false;
      remoteSession = session || remoteSession;
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        note(`send ${pc.localDescription.type}`);
        send({ type: 'visit-signal', room, description: plain(pc.localDescription) });
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
        note(candidate.candidate ? 'added candidate' : 'added end of candidates');
      } catch (err) {
        note(`candidate refused${ignoreOffer ? ' (ignored offer)' : ''}: ${err.name}`);
        if (!ignoreOffer) {
          console.warn('Could not add a candidate', err);
        }
      }
    }
  }

  function rebuild() {
    note('rebuild');
    close();
    create();
    visit.media.addLocalTracks();
  }

  function close() {
    clearTimeout(disconnectTimer);
    if (pc) {
      const old = pc;
      pc = null;
      old.close();
    }
    visit.textPanel.forgetChannel();
  }

  return {
    get pc() { return pc; },
    get polite() { return polite; },
    get trace() { return trace.slice(); },
    note,
    setPolite(on) { polite = on; },
    loadServers, create, close, onSignal,
  };
}

function plain(description) {
  return { type: description.type, sdp: description.sdp };
}

/** The session id of an SDP's origin line: it changes only when the other side starts a new connection. */
function sessionId(sdp) {
  const match = /^o=\S+ (\S+) /m.exec(sdp || '');
  return match ? match[1] : null;
}

function play(element) {
  const started = element.play();
  if (started && started.catch) {
    started.catch(() => {
      // Autoplay was refused: the next click or key press anywhere starts the sound.
      const resume = () => element.play().catch(() => {});
      document.addEventListener('click', resume, { once: true });
      document.addEventListener('keydown', resume, { once: true });
    });
  }
}

async function fetchIceServers() {
  try {
    const response = await fetch('/api/v1/visits/ice-servers', {
      credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) {
      return [];
    }
    const body = await response.json();
    return Array.isArray(body.iceServers) ? body.iceServers : [];
  } catch {
    return [];
  }
}
