// The client's waiting room: a device check while they wait (camera preview, microphone level, a test
// sound, a network check against Haven) until the therapist admits them.

export function createWaitingRoom(visit) {
  const { ui, mode } = visit;
  let meterFrame = 0;
  let meterSource = null;

  async function deviceCheck() {
    if (!ui.deviceCheck) {
      return;
    }
    ui.deviceCheck.hidden = false;
    if (mode === 'audio' && ui.previewVideo) {
      ui.previewVideo.hidden = true;
    }
    const stream = await visit.media.ensureLocalMedia();
    if (!stream) {
      visit.roomUi.setWaitingStatus('You are checked in, but your browser did not allow the microphone'
        + (mode === 'video' ? ' and camera' : '') + '. Check its permissions, then reload this page.');
      return;
    }
    if (visit.state !== 'in-call') {
      startMeter();
    }
  }

  function startMeter() {
    const ctx = visit.sound.context();
    const { localStream } = visit.media;
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

  if (ui.speakerTest) {
    ui.speakerTest.addEventListener('click', () => {
      const ctx = visit.sound.context();
      if (ctx) {
        ctx.resume().then(() => visit.sound.tone(440, 0.8)).catch(() => {});
      }
      if (!meterFrame && visit.state === 'waiting') {
        startMeter();
      }
    });
  }

  /** The median of five pings over the signaling socket. */
  async function networkCheck() {
    if (!ui.networkCheck) {
      return;
    }
    ui.networkCheck.textContent = 'Network check: measuring…';
    const times = [];
    for (let i = 0; i < 5; i += 1) {
      try {
        times.push(await visit.signaling.ping());
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

  return { deviceCheck, startMeter, stopMeter, networkCheck };
}
