// What every part of the visit room shares: who this side is, the room, the page's elements and the
// room's state. The parts (signaling, peer, media, ...) hang themselves on this object too, so that
// each can reach the others when an event needs them, not when the page loads.

export function createVisit(role, main, call) {
  const $ = (id) => document.getElementById(id);
  return {
    role, // 'client' or 'therapist'
    main,
    call,
    room: call.dataset.room,
    mode: call.dataset.mode === 'audio' ? 'audio' : 'video',
    ui: {
      waitingStatus: $('waiting-status'),
      callHeading: $('call-heading'),
      callStatus: $('call-status'),
      remoteVideo: $('remote-video'),
      localVideo: $('local-video'),
      remoteAudio: $('remote-audio'),
      timer: $('timer'),
      quality: $('quality'),
      qualityShort: $('quality-short'),
      qualityToggle: $('quality-toggle'),
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
    },
    peerName: call.querySelector('.remote figcaption')?.textContent.trim() || 'The other person',
    baseTitle: document.title,
    state: 'connecting', // connecting, waiting, in-call, ended
    admittedAt: 0, // when the call started, for the timer; kept across reconnects, reset on leaving
  };
}
