// The visit room (an ES module; the CSP allows no inline scripts). One script for both sides:
// - the client's waiting room: a device check (preview, microphone level, test sound, network check), then
//   the call once the therapist admits them;
// - the therapist's room: the waiting client's check-in, admit and send back, then the call.
// Signaling runs over /ws (docs/signaling.md); the call is peer to peer with "perfect negotiation"
// (the client is the polite side). Media never passes through Haven.

const main = document.querySelector('main[data-visit]');
const call = document.getElementById('call');

if (main && call) {
  start(main.dataset.visit, call);
}

function start(role, call) {
  const room = call.dataset.room;
  const mode = call.dataset.mode === 'audio' ? 'audio' : 'video';
  const $ = (id) => document.getElementById(id);
  const ui = {
    waitingStatus: $('waiting-status'),
    callHeading: $('call-heading'),
    callStatus: $('call-status'),
    remoteVideo: $('remote-video'),
    localVideo: $('local-video'),
    remoteAudio: $('remote-audio'),
    timer: $('timer'),
    quality: $('quality'),
    qualityOffer: $('quality-offer'),
    acceptAudioOnly: $('accept-audio-only'),
    mute: $('mute'),
    camera: $('camera'),
    audioOnly: $('audio-only'),
    lowBandwidth: $('low-bandwidth'),
    share: $('share'),
    end: $('end'),
    cameraSelect: $('camera-select'),
    micSelect: $('mic-select'),
    textLog: $('session-text-log'),
    textForm: $('session-text-form'),
    text: $('session-text'),
    admit: $('admit'),
    sendBack: $('send-back'),
    deviceCheck: $('device-check'),
    previewVideo: $('preview-video'),
    micLevel: $('mic-level'),
    speakerTest: $('speaker-test'),
    networkCheck: $('network-check'),
  };
  const peerName = call.querySelector('.remote figcaption')?.textContent.trim() || 'The other person';
  const baseTitle = document.title;

  // ---- State -------------------------------------------------------------------------------------------
  let state = 'connecting'; // connecting, waiting, in-call, ended
  let ws = null;
  let wsAttempts = 0;
  let reconnectTimer = 0;
  let joinedOnce = false;
  let socketJoined = false; // this socket's join was answered
  let frameCounter = 0;
  const pending = []; // room frames sent while the socket is down, flushed after the next "joined"
  const pongs = new Map();

  let pc = null;
  let polite = role === 'client';
  let makingOffer = false;
  let ignoreOffer = false;
  let settingRemoteAnswer = false;
  let remoteSession = null;
  let signalChain = Promise.resolve();
  let channel = null;
  let disconnectTimer = 0;

  let localStream = null; // the microphone and (for video sessions) the camera
  let cameraTrack = null;
  let screenTrack = null;
  let remoteStream = null;
  let audioOnly = mode === 'audio';
  let lowBandwidth = false;
  let admittedAt = 0;
  let timerInterval = 0;
  let statsInterval = 0;
  let keepaliveInterval = 0;
  let poorReadings = 0;
  let lastStats = null;
  let meterFrame = 0;
  let meterSource = null;
  let audioContext = null;

  const iceServers = fetchIceServers();
  let servers = [];

  window.havenVisit = Object.freeze({
    get pc() { return pc; },
    get ws() { return ws; },
    get state() { return state; },
  });

  // ---- Signaling socket ----------------------------------------------------------------------------------
  function connect() {
    clearTimeout(reconnectTimer);
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    ws = socket;
    socketJoined = false;
    socket.addEventListener('open', () => {
      wsAttempts = 0;
      socket.send(JSON.stringify({ type: 'join', id: nextId(), room }));
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (ws !== socket || state === 'ended') {
        return;
      }
      if (state === 'in-call') {
        setCallStatus('Reconnecting…');
      } else if (role === 'client') {
        setWaitingStatus('Reconnecting to Haven…');
      }
      const delay = Math.min(8000, 500 * 2 ** wsAttempts) * (0.7 + Math.random() * 0.6);
      wsAttempts += 1;
      reconnectTimer = setTimeout(connect, delay);
    });
  }

  function nextId() {
    frameCounter += 1;
    return `${Date.now().toString(36)}-${frameCounter}`;
  }

  function send(frame) {
    const full = { id: nextId(), ...frame };
    if (ws && ws.readyState === WebSocket.OPEN && socketJoined) {
      ws.send(JSON.stringify(full));
    } else if (frame.type === 'signal' || frame.type === 'media') {
      pending.push(full);
    }
  }

  function ping() {
    return new Promise((resolve, reject) => {
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        reject(new Error('not connected'));
        return;
      }
      const id = nextId();
      const sent = performance.now();
      const timeout = setTimeout(() => {
        pongs.delete(id);
        reject(new Error('timeout'));
      }, 5000);
      pongs.set(id, () => {
        clearTimeout(timeout);
        resolve(performance.now() - sent);
      });
      ws.send(JSON.stringify({ type: 'ping', id }));
    });
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'joined': return onJoined(frame);
      case 'waiting': return onWaiting(frame);
      case 'admitted': return onAdmitted(frame);
      case 'sent-back': return onSentBack();
      case 'peer-left': return onPeerLeft();
      case 'peer-joined': return onPeerJoined();
      case 'signal': return onSignal(frame);
      case 'media': return onRemoteMedia(frame);
      case 'ended': return onEnded();
      case 'pong': {
        const done = pongs.get(frame.re);
        pongs.delete(frame.re);
        return done && done();
      }
      case 'error': return onError(frame);
      default: return undefined;
    }
  }

  function onJoined(frame) {
    const first = !joinedOnce;
    joinedOnce = true;
    socketJoined = true;
    while (pending.length && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(pending.shift()));
    }
    if (frame.state === 'ended') {
      onEnded();
      return;
    }
    if (frame.state === 'admitted') {
      if (!pc) {
        onAdmitted({ polite: role === 'client' });
      } else {
        setCallStatus(pc.connectionState === 'connected' ? 'Connected' : 'Reconnecting…');
        if (!polite && pc.connectionState !== 'connected') {
          pc.restartIce();
        }
      }
      return;
    }
    // Waiting.
    if (state === 'in-call') {
      leaveCall();
    }
    state = 'waiting';
    if (role === 'client') {
      setWaitingStatus('You are checked in. Your therapist will admit you shortly.');
      if (first) {
        networkCheck();
      }
    }
  }

  function onError(frame) {
    console.warn('Haven answered', frame.code, frame.message);
    if (frame.code === 'check-in-required') {
      setWaitingStatus('Please check in first: reload this page to see the check-in form.');
    } else if (frame.code === 'not-open') {
      setWaitingStatus('The room is not open now.');
      state = 'ended';
      ws.close();
    }
  }

  // ---- Therapist: the waiting client ---------------------------------------------------------------------
  function onWaiting(frame) {
    if (role !== 'therapist' || state === 'in-call') {
      return;
    }
    const checkIn = frame.checkIn || {};
    $('check-in-location').textContent = checkIn.location || '';
    $('check-in-jurisdiction').textContent = checkIn.jurisdiction || '';
    $('check-in-phone').textContent = checkIn.phone || '';
    $('check-in').classList.remove('empty');
    setWaitingStatus(`${peerName} is in the waiting room. Their check-in is below; admit them when you are ready.`);
    main.classList.add('client-waiting');
    document.title = `(waiting) ${baseTitle}`;
    ui.admit.disabled = false;
    ui.sendBack.disabled = true;
    tone(660, 0.25).then(() => tone(880, 0.35)).catch(() => {});
  }

  function clearWaitingCue() {
    main.classList.remove('client-waiting');
    document.title = baseTitle;
  }

  if (ui.admit) {
    ui.admit.addEventListener('click', () => {
      send({ type: 'admit', room });
      ui.admit.disabled = true;
      ui.callHeading.tabIndex = -1;
    });
  }
  if (ui.sendBack) {
    ui.sendBack.addEventListener('click', () => {
      send({ type: 'send-back', room });
    });
  }

  // ---- Admission, sending back, the end ----------------------------------------------------------------
  function onAdmitted(frame) {
    polite = frame.polite === true;
    const focusWasLost = !document.activeElement || document.activeElement === document.body
      || document.activeElement.disabled || (ui.deviceCheck && ui.deviceCheck.contains(document.activeElement));
    if (state !== 'in-call') {
      state = 'in-call';
      admittedAt = admittedAt || Date.now();
      startCall();
    }
    if (role === 'therapist') {
      clearWaitingCue();
      setWaitingStatus(`${peerName} is in the session.`);
      ui.admit.disabled = true;
      ui.sendBack.disabled = false;
    } else {
      setWaitingStatus('Your therapist admitted you.');
      stopMeter();
      if (ui.deviceCheck) {
        ui.deviceCheck.hidden = true;
      }
    }
    call.hidden = false;
    if (focusWasLost) {
      ui.callHeading.tabIndex = -1;
      ui.callHeading.focus();
    }
  }

  function onSentBack() {
    leaveCall();
    state = 'waiting';
    if (role === 'client') {
      setWaitingStatus('Your therapist moved you back to the waiting room. They will admit you again shortly.');
      if (ui.deviceCheck) {
        ui.deviceCheck.hidden = false;
        startMeter();
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
    const wasInCall = state === 'in-call';
    leaveCall();
    state = 'ended';
    clearTimeout(reconnectTimer);
    stopKeepalive();
    stopMeter();
    stopLocalMedia();
    if (ws && ws.readyState <= WebSocket.OPEN) {
      ws.close();
    }
    clearWaitingCue();
    if (ui.admit) {
      ui.admit.disabled = true;
      ui.sendBack.disabled = true;
    }
    if (ui.deviceCheck) {
      ui.deviceCheck.hidden = true;
    }
    setWaitingStatus(wasInCall || role === 'client' ? 'The session has ended. Thank you.' : 'The session has ended.');
    focusMain();
  }

  function onPeerLeft() {
    if (state === 'in-call') {
      setCallStatus('Reconnecting…');
    } else if (role === 'therapist' && state === 'waiting') {
      ui.admit.disabled = true;
      clearWaitingCue();
      setWaitingStatus(`${peerName} left the waiting room.`);
    }
  }

  function onPeerJoined() {
    if (state !== 'in-call' || !pc) {
      return;
    }
    if (pc.connectionState === 'connected') {
      setCallStatus('Connected');
    }
    // The peer's signaling was away; whatever changed meanwhile, the offerer renews the ICE session.
    if (!polite) {
      pc.restartIce();
    }
  }

  if (ui.end) {
    ui.end.addEventListener('click', () => {
      send({ type: 'end', room });
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        onEnded();
      }
    });
  }

  // ---- The call --------------------------------------------------------------------------------------------
  async function startCall() {
    setCallStatus('Connecting…');
    startTimer();
    startKeepalive();
    servers = await iceServers;
    if (state !== 'in-call') {
      return;
    }
    createPeerConnection(servers);
    await ensureLocalMedia();
    if (state !== 'in-call' || !pc) {
      return;
    }
    addLocalTracks();
    startStats();
    fillDeviceLists();
  }

  function createPeerConnection(servers) {
    // One transport for everything: fewer candidates to gather and relay.
    pc = new RTCPeerConnection({ iceServers: servers, bundlePolicy: 'max-bundle' });
    const connection = pc;
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
          send({ type: 'signal', room, description: plain(connection.localDescription) });
        }
      } catch (err) {
        console.warn('Could not make an offer', err);
      } finally {
        makingOffer = false;
      }
    });
    connection.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate && pc === connection) {
        send({ type: 'signal', room, candidate: candidate.toJSON() });
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
    connection.addEventListener('connectionstatechange', () => {
      if (pc !== connection) {
        return;
      }
      const s = connection.connectionState;
      if (s === 'connected') {
        clearTimeout(disconnectTimer);
        disconnectTimer = 0;
        setCallStatus('Connected');
        if (lowBandwidth) {
          applyBandwidth();
        }
      } else if (s === 'disconnected') {
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
      useChannel(connection.createDataChannel('text'));
    } else {
      connection.addEventListener('datachannel', (event) => {
        if (pc === connection && event.channel.label === 'text') {
          useChannel(event.channel);
        }
      });
    }
  }

  function useChannel(opened) {
    channel = opened;
    opened.addEventListener('message', (event) => {
      if (typeof event.data === 'string') {
        addText(peerName, event.data.slice(0, 2000));
      }
    });
  }

  function plain(description) {
    return { type: description.type, sdp: description.sdp };
  }

  function sessionId(sdp) {
    const match = /^o=\S+ (\S+) /m.exec(sdp || '');
    return match ? match[1] : null;
  }

  function onSignal(frame) {
    signalChain = signalChain.then(() => handleSignal(frame)).catch((err) => console.warn('Signal failed', err));
  }

  async function handleSignal({ description, candidate }) {
    // Signals can arrive before this side has its connection: wait for it.
    for (let i = 0; !pc && state === 'in-call' && i < 100; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!pc) {
      return;
    }
    if (description) {
      const session = sessionId(description.sdp);
      if (remoteSession && session && session !== remoteSession && pc.remoteDescription) {
        // The other side started afresh (a reloaded page): so does this one.
        rebuildPeerConnection();
        if (description.type !== 'offer') {
          return;
        }
      }
      const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || settingRemoteAnswer);
      const offerCollision = description.type === 'offer' && !readyForOffer;
      ignoreOffer = !polite && offerCollision;
      if (ignoreOffer) {
        return;
      }
      settingRemoteAnswer = description.type === 'answer';
      await pc.setRemoteDescription(description);
      settingRemoteAnswer = false;
      remoteSession = session || remoteSession;
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        send({ type: 'signal', room, description: plain(pc.localDescription) });
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (err) {
        if (!ignoreOffer) {
          console.warn('Could not add a candidate', err);
        }
      }
    }
  }

  function rebuildPeerConnection() {
    closePeerConnection();
    createPeerConnection(servers);
    addLocalTracks();
  }

  function closePeerConnection() {
    clearTimeout(disconnectTimer);
    if (pc) {
      const old = pc;
      pc = null;
      old.close();
    }
    channel = null;
  }

  function leaveCall() {
    closePeerConnection();
    stopStats();
    stopTimer();
    admittedAt = 0;
    if (screenTrack) {
      screenTrack.stop();
      screenTrack = null;
      pressed(ui.share, false);
    }
    call.hidden = true;
    ui.qualityOffer.hidden = true;
    ui.remoteVideo.srcObject = null;
    ui.remoteAudio.srcObject = null;
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

  // ---- Local media --------------------------------------------------------------------------------------
  async function ensureLocalMedia() {
    if (localStream) {
      return localStream;
    }
    try {
      localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: mode === 'video' });
    } catch (err) {
      if (mode === 'video') {
        try {
          localStream = await navigator.mediaDevices.getUserMedia({ audio: true });
          setCallStatus('Your camera is not available: the session continues with sound only.');
        } catch {
          localStream = null;
        }
      }
      if (!localStream) {
        setCallStatus('Your microphone and camera are not available. Check your browser\'s permissions.');
        return null;
      }
    }
    cameraTrack = localStream.getVideoTracks()[0] || null;
    ui.localVideo.srcObject = localStream;
    if (ui.previewVideo) {
      ui.previewVideo.srcObject = mode === 'video' ? localStream : null;
    }
    return localStream;
  }

  function stopLocalMedia() {
    if (localStream) {
      localStream.getTracks().forEach((t) => t.stop());
    }
    if (cameraTrack) {
      cameraTrack.stop();
    }
    localStream = null;
    cameraTrack = null;
  }

  function addLocalTracks() {
    if (!pc || !localStream) {
      return;
    }
    const audio = localStream.getAudioTracks()[0];
    if (audio) {
      audio.enabled = ui.mute.getAttribute('aria-pressed') !== 'true';
      pc.addTrack(audio, localStream);
    }
    if (mode === 'video') {
      const video = currentVideoTrack();
      if (video) {
        pc.addTrack(video, localStream);
      } else {
        // A video sender even in audio only, so that switching back needs no renegotiation.
        const idle = pc.getTransceivers().find((tr) => tr.receiver.track.kind === 'video' && !tr.sender.track
          && tr.direction === 'recvonly');
        if (idle) {
          idle.direction = 'sendrecv';
        } else {
          pc.addTransceiver('video', { direction: 'sendrecv', streams: [localStream] });
        }
      }
    }
  }

  function currentVideoTrack() {
    if (screenTrack) {
      return screenTrack;
    }
    return audioOnly ? null : cameraTrack;
  }

  /** The sender this side uses for a kind of media: the first transceiver of that kind that sends. */
  function sender(kind) {
    if (!pc) {
      return null;
    }
    const t = pc.getTransceivers().find((tr) => !tr.stopped && tr.receiver.track.kind === kind
      && (tr.direction === 'sendrecv' || tr.direction === 'sendonly'));
    return t ? t.sender : null;
  }

  function videoSender() {
    return sender('video');
  }

  function audioSender() {
    return sender('audio');
  }

  async function useVideoTrack() {
    const s = videoSender();
    if (s) {
      await s.replaceTrack(currentVideoTrack());
    }
    showSelf();
    if (lowBandwidth) {
      await applyBandwidth();
    }
  }

  function showSelf() {
    const shown = new MediaStream();
    const video = currentVideoTrack();
    if (video) {
      shown.addTrack(video);
    }
    ui.localVideo.srcObject = shown;
  }

  // ---- Controls ---------------------------------------------------------------------------------------
  function pressed(button, on) {
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  if (mode === 'audio') {
    // An audio appointment: no camera at all.
    [ui.camera, ui.audioOnly, ui.share].forEach((b) => { b.hidden = true; });
    ui.cameraSelect.closest('.field').hidden = true;
    call.querySelector('.videos').hidden = true;
  }

  ui.mute.addEventListener('click', () => {
    const muted = ui.mute.getAttribute('aria-pressed') !== 'true';
    pressed(ui.mute, muted);
    if (localStream) {
      localStream.getAudioTracks().forEach((t) => { t.enabled = !muted; });
    }
    setCallStatus(muted ? 'Your microphone is muted.' : 'Your microphone is on.');
  });

  ui.camera.addEventListener('click', () => {
    const off = ui.camera.getAttribute('aria-pressed') !== 'true';
    pressed(ui.camera, off);
    if (cameraTrack) {
      cameraTrack.enabled = !off;
    }
    setCallStatus(off ? 'Your camera is off.' : 'Your camera is on.');
  });

  async function setAudioOnly(on) {
    if (mode === 'audio' || on === audioOnly) {
      return;
    }
    audioOnly = on;
    pressed(ui.audioOnly, on);
    ui.qualityOffer.hidden = true;
    poorReadings = 0;
    if (on) {
      if (cameraTrack) {
        cameraTrack.stop();
        localStream.removeTrack(cameraTrack);
        cameraTrack = null;
      }
      await useVideoTrack();
      send({ type: 'media', room, mode: 'audio' });
      setCallStatus('Audio only: your camera is off and no video is sent.');
    } else {
      try {
        const deviceId = ui.cameraSelect.value;
        const stream = await navigator.mediaDevices.getUserMedia({ video: deviceId ? { deviceId: { exact: deviceId } } : true });
        cameraTrack = stream.getVideoTracks()[0];
        cameraTrack.enabled = ui.camera.getAttribute('aria-pressed') !== 'true';
        if (localStream) {
          localStream.addTrack(cameraTrack);
        }
        await useVideoTrack();
        send({ type: 'media', room, mode: 'video' });
        setCallStatus('Video is back on.');
      } catch {
        audioOnly = true;
        pressed(ui.audioOnly, true);
        setCallStatus('Your camera could not be started again: the session continues with sound only.');
      }
    }
  }

  ui.audioOnly.addEventListener('click', () => setAudioOnly(!audioOnly));
  ui.acceptAudioOnly.addEventListener('click', () => {
    setAudioOnly(true).then(() => ui.audioOnly.focus());
  });

  function onRemoteMedia(frame) {
    setCallStatus(frame.mode === 'audio' ? `${peerName} switched to audio only.` : `${peerName} turned video back on.`);
  }

  async function applyBandwidth() {
    const video = videoSender();
    if (video) {
      const params = video.getParameters();
      if (params.encodings && params.encodings.length) {
        const height = (video.track && video.track.getSettings().height) || 480;
        if (lowBandwidth) {
          params.encodings[0].maxBitrate = 150000;
          params.encodings[0].scaleResolutionDownBy = Math.max(1, height / 180);
        } else {
          delete params.encodings[0].maxBitrate;
          params.encodings[0].scaleResolutionDownBy = 1;
        }
        await video.setParameters(params).catch((err) => console.warn('Video limits not applied', err));
      }
    }
    const audio = audioSender();
    if (audio) {
      const params = audio.getParameters();
      if (params.encodings && params.encodings.length) {
        if (lowBandwidth) {
          params.encodings[0].maxBitrate = 24000;
        } else {
          delete params.encodings[0].maxBitrate;
        }
        await audio.setParameters(params).catch((err) => console.warn('Audio limits not applied', err));
      }
    }
  }

  ui.lowBandwidth.addEventListener('click', async () => {
    lowBandwidth = !lowBandwidth;
    pressed(ui.lowBandwidth, lowBandwidth);
    await applyBandwidth();
    setCallStatus(lowBandwidth ? 'Low bandwidth: video is smaller and uses less data.' : 'Full quality video.');
  });

  ui.share.addEventListener('click', async () => {
    if (screenTrack) {
      stopSharing();
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      screenTrack = stream.getVideoTracks()[0];
      screenTrack.addEventListener('ended', stopSharing);
      pressed(ui.share, true);
      await useVideoTrack();
      setCallStatus('You are sharing your screen.');
    } catch {
      setCallStatus('Screen sharing did not start.');
    }
  });

  function stopSharing() {
    if (!screenTrack) {
      return;
    }
    const track = screenTrack;
    screenTrack = null;
    track.stop();
    pressed(ui.share, false);
    useVideoTrack();
    setCallStatus('You stopped sharing your screen.');
  }

  async function fillDeviceLists() {
    if (!navigator.mediaDevices.enumerateDevices) {
      return;
    }
    const devices = await navigator.mediaDevices.enumerateDevices();
    const fill = (select, kind, current, fallback) => {
      const list = devices.filter((d) => d.kind === kind);
      select.replaceChildren(...list.map((d, i) => {
        const option = document.createElement('option');
        option.value = d.deviceId;
        option.textContent = d.label || `${fallback} ${i + 1}`;
        option.selected = d.deviceId === current;
        return option;
      }));
    };
    const mic = localStream && localStream.getAudioTracks()[0];
    fill(ui.micSelect, 'audioinput', mic && mic.getSettings().deviceId, 'Microphone');
    fill(ui.cameraSelect, 'videoinput', cameraTrack && cameraTrack.getSettings().deviceId, 'Camera');
  }

  if (navigator.mediaDevices) {
    navigator.mediaDevices.addEventListener('devicechange', () => {
      if (state === 'in-call') {
        fillDeviceLists();
      }
    });
  }

  ui.cameraSelect.addEventListener('change', async () => {
    if (audioOnly || mode === 'audio') {
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: ui.cameraSelect.value } } });
      const next = stream.getVideoTracks()[0];
      next.enabled = ui.camera.getAttribute('aria-pressed') !== 'true';
      if (cameraTrack) {
        cameraTrack.stop();
        localStream.removeTrack(cameraTrack);
      }
      cameraTrack = next;
      localStream.addTrack(next);
      await useVideoTrack();
      setCallStatus('Camera changed.');
    } catch {
      setCallStatus('That camera could not be started.');
    }
  });

  ui.micSelect.addEventListener('change', async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: ui.micSelect.value } } });
      const next = stream.getAudioTracks()[0];
      next.enabled = ui.mute.getAttribute('aria-pressed') !== 'true';
      const s = audioSender();
      if (s) {
        await s.replaceTrack(next);
      }
      localStream.getAudioTracks().forEach((t) => {
        t.stop();
        localStream.removeTrack(t);
      });
      localStream.addTrack(next);
      setCallStatus('Microphone changed.');
    } catch {
      setCallStatus('That microphone could not be started.');
    }
  });

  // ---- Session text --------------------------------------------------------------------------------------
  function addText(who, text) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = `${who}: `;
    item.append(name, document.createTextNode(text));
    ui.textLog.append(item);
  }

  ui.textForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.text.value.trim().slice(0, 2000);
    if (!text) {
      return;
    }
    if (!channel || channel.readyState !== 'open') {
      setCallStatus('Messages can be sent once the call is connected.');
      return;
    }
    channel.send(text);
    addText('You', text);
    ui.text.value = '';
  });

  // ---- Timer, quality, keepalive ------------------------------------------------------------------------
  function startTimer() {
    stopTimer();
    const tick = () => {
      const seconds = Math.floor((Date.now() - admittedAt) / 1000);
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

  function startStats() {
    stopStats();
    lastStats = null;
    poorReadings = 0;
    statsInterval = setInterval(measure, 2000);
  }

  function stopStats() {
    clearInterval(statsInterval);
    ui.quality.textContent = 'Connection: measuring…';
  }

  async function measure() {
    if (!pc || pc.connectionState !== 'connected') {
      return;
    }
    const report = await pc.getStats();
    let rtt = null;
    let lost = 0;
    let received = 0;
    let bytesIn = 0;
    let bytesOut = 0;
    let selectedPair = null;
    report.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) {
        selectedPair = s.selectedCandidatePairId;
      }
    });
    report.forEach((s) => {
      if (s.type === 'candidate-pair' && (s.id === selectedPair || (!selectedPair && s.nominated && s.state === 'succeeded'))
          && typeof s.currentRoundTripTime === 'number') {
        rtt = s.currentRoundTripTime * 1000;
      } else if (s.type === 'inbound-rtp') {
        lost += s.packetsLost || 0;
        received += s.packetsReceived || 0;
        bytesIn += s.bytesReceived || 0;
      } else if (s.type === 'outbound-rtp') {
        bytesOut += s.bytesSent || 0;
      }
    });
    const now = performance.now();
    const previous = lastStats;
    lastStats = { now, lost, received, bytesIn, bytesOut };
    if (!previous) {
      return;
    }
    const seconds = (now - previous.now) / 1000;
    const lostDelta = Math.max(0, lost - previous.lost);
    const receivedDelta = Math.max(0, received - previous.received);
    const loss = lostDelta + receivedDelta > 0 ? (100 * lostDelta) / (lostDelta + receivedDelta) : 0;
    const kbitIn = Math.max(0, ((bytesIn - previous.bytesIn) * 8) / 1000 / seconds);
    const kbitOut = Math.max(0, ((bytesOut - previous.bytesOut) * 8) / 1000 / seconds);
    let verdict = 'Good';
    if ((rtt !== null && rtt > 400) || loss > 8) {
      verdict = 'Poor';
    } else if ((rtt !== null && rtt > 200) || loss > 2) {
      verdict = 'Fair';
    }
    const parts = [];
    if (rtt !== null) {
      parts.push(`${Math.round(rtt)} ms round trip`);
    }
    parts.push(`${loss.toFixed(1)}% lost`, `${Math.round(kbitIn)} kbit/s in`, `${Math.round(kbitOut)} kbit/s out`);
    ui.quality.textContent = `Connection: ${verdict} (${parts.join(', ')})`;
    ui.quality.dataset.verdict = verdict.toLowerCase();
    poorReadings = verdict === 'Poor' ? poorReadings + 1 : 0;
    if (poorReadings >= 3 && !audioOnly && ui.qualityOffer.hidden) {
      ui.qualityOffer.hidden = false;
      setCallStatus('The connection is poor: you can switch to audio only.');
    } else if (verdict === 'Good' && !ui.qualityOffer.hidden && !ui.qualityOffer.contains(document.activeElement)) {
      ui.qualityOffer.hidden = true;
    }
  }

  function startKeepalive() {
    if (keepaliveInterval) {
      return;
    }
    keepaliveInterval = setInterval(keepalive, 5 * 60 * 1000);
  }

  function stopKeepalive() {
    clearInterval(keepaliveInterval);
    keepaliveInterval = 0;
  }

  function keepalive() {
    const header = document.querySelector('meta[name="csrf-header"]');
    const token = document.querySelector('meta[name="csrf-token"]');
    fetch('/session/keepalive', {
      method: 'POST', credentials: 'same-origin', headers: header && token ? { [header.content]: token.content } : {},
    }).then((response) => {
      if (response.ok) {
        document.dispatchEvent(new Event('haven:activity'));
      }
    }).catch(() => {});
  }

  // ---- The client's device check ----------------------------------------------------------------------
  async function deviceCheck() {
    if (!ui.deviceCheck) {
      return;
    }
    ui.deviceCheck.hidden = false;
    if (mode === 'audio' && ui.previewVideo) {
      ui.previewVideo.hidden = true;
    }
    const stream = await ensureLocalMedia();
    if (!stream) {
      setWaitingStatus('You are checked in, but your browser did not allow the microphone'
        + (mode === 'video' ? ' and camera' : '') + '. Check its permissions, then reload this page.');
      return;
    }
    if (state !== 'in-call') {
      startMeter();
    }
  }

  function context() {
    if (!audioContext) {
      const Context = window.AudioContext || window.webkitAudioContext;
      audioContext = Context ? new Context() : null;
    }
    if (audioContext && audioContext.state === 'suspended') {
      audioContext.resume().catch(() => {});
    }
    return audioContext;
  }

  function startMeter() {
    const ctx = context();
    const track = localStream && localStream.getAudioTracks()[0];
    if (!ctx || !track || !ui.micLevel || meterFrame) {
      return;
    }
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) {
        sum += v * v;
      }
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      ui.micLevel.value = level;
      ui.micLevel.textContent = level.toFixed(2);
      meterFrame = requestAnimationFrame(draw);
    };
    meterFrame = requestAnimationFrame(draw);
    meterSource = source;
  }

  function stopMeter() {
    if (meterFrame) {
      cancelAnimationFrame(meterFrame);
      meterFrame = 0;
    }
    if (meterSource) {
      meterSource.disconnect();
      meterSource = null;
    }
  }

  function tone(frequency, seconds) {
    const ctx = context();
    if (!ctx || ctx.state !== 'running') {
      // Browsers allow sound only after the person clicked or typed on the page.
      return Promise.reject(new Error('audio not allowed yet'));
    }
    return new Promise((resolve) => {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + seconds);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.addEventListener('ended', () => resolve());
      oscillator.start();
      oscillator.stop(ctx.currentTime + seconds);
    });
  }

  if (ui.speakerTest) {
    ui.speakerTest.addEventListener('click', () => {
      const ctx = context();
      if (ctx) {
        ctx.resume().then(() => tone(440, 0.8)).catch(() => {});
      }
      if (!meterFrame && state === 'waiting') {
        startMeter();
      }
    });
  }

  async function networkCheck() {
    if (!ui.networkCheck) {
      return;
    }
    ui.networkCheck.textContent = 'Network check: measuring…';
    const times = [];
    for (let i = 0; i < 5; i += 1) {
      try {
        times.push(await ping());
      } catch {
        break;
      }
    }
    if (!times.length) {
      ui.networkCheck.textContent = 'Network check: Haven did not answer. Check your internet connection.';
      return;
    }
    times.sort((a, b) => a - b);
    const median = Math.round(times[Math.floor(times.length / 2)]);
    const verdict = median < 150 ? 'good' : median < 400 ? 'fair' : 'slow';
    ui.networkCheck.textContent = `Network check: ${median} ms to Haven and back (median of ${times.length}), ${verdict}.`;
    ui.networkCheck.dataset.median = String(median);
  }

  // ---- Status messages and focus ------------------------------------------------------------------------
  function setCallStatus(text) {
    if (ui.callStatus.textContent !== text) {
      ui.callStatus.textContent = text;
    }
  }

  function setWaitingStatus(text) {
    if (ui.waitingStatus && ui.waitingStatus.textContent.trim() !== text) {
      ui.waitingStatus.textContent = text;
    }
  }

  function focusMain() {
    if (!document.activeElement || document.activeElement === document.body || document.activeElement.closest('[hidden]')
        || document.activeElement.disabled) {
      main.focus();
    }
  }

  // ---- ICE servers ------------------------------------------------------------------------------------
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

  // ---- Go --------------------------------------------------------------------------------------------------
  // Sound needs a gesture first: the first click or key press allows the waiting-room chime from then on.
  document.addEventListener('pointerdown', context, { once: true });
  document.addEventListener('keydown', context, { once: true });
  startKeepalive();
  connect();
  if (role === 'client') {
    deviceCheck();
  }
}
