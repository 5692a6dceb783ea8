// This side's camera as a small picture in a corner of the stage, out of the way of the other person's
// face: dragged with a finger or mouse (it settles in the nearest corner), or moved between corners with
// the arrow keys once focused. Its place is set from here (element.style while dragging), never in markup.

const DRAG_THRESHOLD = 4; // pixels: a tap is not a drag

export function createSelfView(visit) {
  const view = document.getElementById('self-view');
  const stage = view && view.closest('.call-stage');
  if (!view || !stage) {
    return {};
  }
  let drag = null;

  function place(vertical, horizontal, announce) {
    view.dataset.corner = `${vertical}-${horizontal}`;
    ['left', 'top', 'right', 'bottom'].forEach((side) => { view.style[side] = ''; });
    if (announce) {
      visit.roomUi.setCallStatus(`Your camera is in the ${vertical} ${horizontal} corner.`);
    }
  }

  function corner() {
    const [vertical, horizontal] = (view.dataset.corner || 'bottom-right').split('-');
    return { vertical, horizontal };
  }

  view.addEventListener('keydown', (event) => {
    const { vertical, horizontal } = corner();
    const next = {
      ArrowUp: ['top', horizontal],
      ArrowDown: ['bottom', horizontal],
      ArrowLeft: [vertical, 'left'],
      ArrowRight: [vertical, 'right'],
    }[event.key];
    if (!next) {
      return;
    }
    event.preventDefault();
    if (next[0] !== vertical || next[1] !== horizontal) {
      place(next[0], next[1], true);
    }
  });

  view.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) {
      return;
    }
    const box = view.getBoundingClientRect();
    drag = { id: event.pointerId, x: event.clientX, y: event.clientY, dx: event.clientX - box.left, dy: event.clientY - box.top,
      moved: false };
    view.setPointerCapture(event.pointerId);
  });

  view.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.id) {
      return;
    }
    if (!drag.moved && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < DRAG_THRESHOLD) {
      return;
    }
    drag.moved = true;
    view.classList.add('dragging');
    const area = stage.getBoundingClientRect();
    const left = Math.min(Math.max(0, event.clientX - area.left - drag.dx), area.width - view.offsetWidth);
    const top = Math.min(Math.max(0, event.clientY - area.top - drag.dy), area.height - view.offsetHeight);
    view.style.right = 'auto';
    view.style.bottom = 'auto';
    view.style.left = `${left}px`;
    view.style.top = `${top}px`;
  });

  function drop(event) {
    if (!drag || event.pointerId !== drag.id) {
      return;
    }
    const { moved } = drag;
    drag = null;
    view.classList.remove('dragging');
    if (!moved) {
      return;
    }
    // It settles in the corner nearest to where it was let go.
    const area = stage.getBoundingClientRect();
    const box = view.getBoundingClientRect();
    const vertical = box.top + box.height / 2 - area.top < area.height / 2 ? 'top' : 'bottom';
    const horizontal = box.left + box.width / 2 - area.left < area.width / 2 ? 'left' : 'right';
    place(vertical, horizontal, true);
  }

  view.addEventListener('pointerup', drop);
  view.addEventListener('pointercancel', drop);

  return { place };
}
