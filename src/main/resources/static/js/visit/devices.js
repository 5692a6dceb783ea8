// The camera and microphone choices in the call: lists filled from the browser's devices (labels are
// only there once media was allowed, hence after the call started), and switching on change.

export function createDevices(visit) {
  const { ui } = visit;

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
    const { localStream, cameraTrack } = visit.media;
    const mic = localStream && localStream.getAudioTracks()[0];
    fill(ui.micSelect, 'audioinput', mic && mic.getSettings().deviceId, 'Microphone');
    fill(ui.cameraSelect, 'videoinput', cameraTrack && cameraTrack.getSettings().deviceId, 'Camera');
  }

  if (navigator.mediaDevices) {
    navigator.mediaDevices.addEventListener('devicechange', () => {
      if (visit.state === 'in-call') {
        fillDeviceLists();
      }
    });
  }

  ui.cameraSelect.addEventListener('change', () => visit.media.switchCamera(ui.cameraSelect.value));
  ui.micSelect.addEventListener('change', () => visit.media.switchMicrophone(ui.micSelect.value));

  return { fillDeviceLists };
}
