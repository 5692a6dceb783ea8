// This side's media: the microphone and camera, the senders, switching devices, audio only,
// screen sharing and the low-bandwidth limits.

export function createMedia(visit) {
  const { room, mode, ui, call, peerName } = visit;
  const { pressed } = visit.roomUi;
  const setCallStatus = (text) => visit.roomUi.setCallStatus(text);
  const send = (frame) => visit.signaling.send(frame);

  let localStream = null; // the microphone and (for video sessions) the camera
  let cameraTrack = null;
  let screenTrack = null;
  let audioOnly = mode === 'audio';
  let lowBandwidth = false;

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
    const pc = visit.peer.pc;
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
    const pc = visit.peer.pc;
    if (!pc) {
      return null;
    }
    const t = pc.getTransceivers().find((tr) => !tr.stopped && tr.receiver.track.kind === kind
      && (tr.direction === 'sendrecv' || tr.direction === 'sendonly'));
    return t ? t.sender : null;
  }

  /** Sends (and shows) the current video track: replaceTrack, so no renegotiation. */
  async function useVideoTrack() {
    const s = sender('video');
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
    visit.quality.resetPoorReadings();
    if (on) {
      // The camera is stopped, not just disabled: its light goes off and it uses no power.
      if (cameraTrack) {
        cameraTrack.stop();
        localStream.removeTrack(cameraTrack);
        cameraTrack = null;
      }
      await useVideoTrack();
      send({ type: 'visit-media', room, mode: 'audio' });
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
        send({ type: 'visit-media', room, mode: 'video' });
        setCallStatus('Video is back on.');
      } catch {
        audioOnly = true;
        pressed(ui.audioOnly, true);
        setCallStatus('Your camera could not be started again: the session continues with sound only.');
      }
    }
  }

  ui.audioOnly.addEventListener('click', () => setAudioOnly(!audioOnly));

  function onRemoteMedia(frame) {
    setCallStatus(frame.mode === 'audio' ? `${peerName} switched to audio only.` : `${peerName} turned video back on.`);
  }

  async function applyBandwidth() {
    const video = sender('video');
    if (video) {
      const params = video.getParameters();
      if (params.encodings && params.encodings.length) {
        const height = (video.track && video.track.getSettings().height) || 480;
        if (lowBandwidth) {
          // About 180 lines at 150 kbit/s, whatever the camera delivers.
          params.encodings[0].maxBitrate = 150000;
          params.encodings[0].scaleResolutionDownBy = Math.max(1, height / 180);
        } else {
          delete params.encodings[0].maxBitrate;
          params.encodings[0].scaleResolutionDownBy = 1;
        }
        await video.setParameters(params).catch((err) => console.warn('Video limits not applied', err));
      }
    }
    const audio = sender('audio');
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
      // The browser's own "stop sharing" button ends the track.
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

  /** Leaving the call: the screen share ends quietly, with nothing sent in its place. */
  function dropScreenShare() {
    if (screenTrack) {
      screenTrack.stop();
      screenTrack = null;
      pressed(ui.share, false);
    }
  }

  // ---- Switching devices (devices.js fills the lists) --------------------------------------------------
  async function switchCamera(deviceId) {
    if (audioOnly || mode === 'audio') {
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: deviceId } } });
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
  }

  async function switchMicrophone(deviceId) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId } } });
      const next = stream.getAudioTracks()[0];
      next.enabled = ui.mute.getAttribute('aria-pressed') !== 'true';
      const s = sender('audio');
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
  }

  return {
    get localStream() { return localStream; },
    get cameraTrack() { return cameraTrack; },
    get audioOnly() { return audioOnly; },
    get lowBandwidth() { return lowBandwidth; },
    ensureLocalMedia, stopLocalMedia, addLocalTracks, setAudioOnly, onRemoteMedia, applyBandwidth, dropScreenShare,
    switchCamera, switchMicrophone,
  };
}
