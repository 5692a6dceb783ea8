// The page's one AudioContext: the microphone level meter, the test sound and the therapist's chime
// when a client arrives.

export function createSound() {
  let audioContext = null;

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
      // Short exponential ramps in and out: no click at either end.
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + seconds);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.addEventListener('ended', () => resolve());
      oscillator.start();
      oscillator.stop(ctx.currentTime + seconds);
    });
  }

  /** Sound needs a gesture first: the first click or key press allows the waiting-room chime from then on. */
  function unlockOnGesture() {
    document.addEventListener('pointerdown', context, { once: true });
    document.addEventListener('keydown', context, { once: true });
  }

  return { context, tone, unlockOnGesture };
}
