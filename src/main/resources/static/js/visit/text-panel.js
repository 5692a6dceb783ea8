// Session text: short messages over the call's data channel, peer to peer like the media. Nothing is
// stored; the log is gone with the page.

const MAX = 2000; // characters per message, either way

export function createTextPanel(visit) {
  const { ui, peerName } = visit;
  let channel = null;

  function useChannel(opened) {
    channel = opened;
    opened.addEventListener('message', (event) => {
      if (typeof event.data === 'string') {
        addText(peerName, event.data.slice(0, MAX));
      }
    });
  }

  function forgetChannel() {
    channel = null;
  }

  function addText(who, text) {
    // Text nodes only: what the other side sends is never parsed as markup.
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = `${who}: `;
    item.append(name, document.createTextNode(text));
    ui.textLog.append(item);
  }

  ui.textForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.text.value.trim().slice(0, MAX);
    if (!text) {
      return;
    }
    if (!channel || channel.readyState !== 'open') {
      visit.roomUi.setCallStatus('Messages can be sent once the call is connected.');
      return;
    }
    channel.send(text);
    addText('You', text);
    ui.text.value = '';
  });

  return { useChannel, forgetChannel };
}
