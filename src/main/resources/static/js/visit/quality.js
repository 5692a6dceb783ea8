// The connection quality indicator, sampled from getStats every 2 s, and the offer to switch to audio
// only after three poor readings in a row.

export function createQuality(visit) {
  const { ui } = visit;
  let statsInterval = 0;
  let poorReadings = 0;
  let lastStats = null;

  function start() {
    stop();
    lastStats = null;
    poorReadings = 0;
    statsInterval = setInterval(measure, 2000);
  }

  function stop() {
    clearInterval(statsInterval);
    ui.quality.textContent = 'Connection: measuring…';
    ui.qualityShort.textContent = 'measuring';
    delete ui.qualityToggle.dataset.verdict;
  }

  function resetPoorReadings() {
    poorReadings = 0;
  }

  async function measure() {
    const pc = visit.peer.pc;
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
    // The counters are totals since the call began: the reading is the change since the last sample.
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
    ui.qualityShort.textContent = verdict;
    ui.qualityToggle.dataset.verdict = verdict.toLowerCase();
    poorReadings = verdict === 'Poor' ? poorReadings + 1 : 0;
    if (poorReadings >= 3 && !visit.media.audioOnly && ui.qualityOffer.hidden) {
      ui.qualityOffer.hidden = false;
      visit.roomUi.setCallStatus('The connection is poor: you can switch to audio only.');
    } else if (verdict === 'Good' && !ui.qualityOffer.hidden && !ui.qualityOffer.contains(document.activeElement)) {
      // Withdrawn once the connection recovers, but not from under someone about to accept it.
      ui.qualityOffer.hidden = true;
    }
  }

  ui.acceptAudioOnly.addEventListener('click', () => {
    visit.media.setAudioOnly(true).then(() => ui.audioOnly.focus());
  });

  return { start, stop, resetPoorReadings };
}
