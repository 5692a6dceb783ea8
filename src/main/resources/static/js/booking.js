// The booking page (scheduling/times.html), an ES module.
// Times are shown in the therapist's time zone unless the address names another. When it names none and this
// device keeps another zone, offer it with one link in the line kept free for it (#zone-offer): no reload the
// person did not ask for, no loop, and nothing below moves. Only zones the server accepts (the <datalist>) are
// offered, so the link never leads to an error.

const offer = document.getElementById('zone-offer');

if (offer) {
  let device = '';
  try {
    device = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    device = '';
  }
  const shown = offer.dataset.shown;
  const known = Array.from(document.querySelectorAll('#zones option')).some((option) => option.value === device);
  if (device && device === shown) {
    offer.textContent = 'This is also the time zone of your device.';
  } else if (device && known) {
    const params = new URLSearchParams(window.location.search);
    params.set('zone', device);
    const link = document.createElement('a');
    // Zone ids keep their slash, as in the page's own links ("zone=Europe/London").
    link.href = `${window.location.pathname}?${params.toString().replaceAll('%2F', '/')}`;
    link.textContent = `Show times in ${device}, your device’s time zone`;
    offer.replaceChildren(link);
  }
}

// The way to meet chosen on this page goes along to the other weeks (and to another time zone): the links carry
// it as the server would have written them had the page been loaded with it.
document.querySelectorAll('input[type=radio][name=modality]').forEach((radio) => {
  radio.addEventListener('change', () => {
    if (!radio.checked) {
      return;
    }
    document.querySelectorAll('.week-nav a, #zone-offer a').forEach((link) => {
      const url = new URL(link.href, window.location.href);
      url.searchParams.set('modality', radio.value);
      link.href = `${url.pathname}?${url.searchParams.toString().replaceAll('%2F', '/')}`;
    });
  });
});
