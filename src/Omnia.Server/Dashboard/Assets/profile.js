// Profile 360: "Load older events" appends the next page of the timeline in place. Without script the
// link still works: it opens the older page of the timeline.
(() => {
  'use strict';
  const list = document.getElementById('timeline-list');
  const status = document.getElementById('timeline-status');
  if (!list) return;

  document.addEventListener('click', async (event) => {
    const link = event.target.closest('#load-older');
    if (!link) return;
    event.preventDefault();
    link.setAttribute('aria-busy', 'true');
    link.textContent = 'Loading older events…';
    try {
      const response = await fetch(link.href, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`The server answered ${response.status}.`);
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const items = [...page.querySelectorAll('#timeline-list > li')];
      const known = new Set([...list.children].map((li) => li.dataset.seq));
      const fresh = items.filter((li) => !known.has(li.dataset.seq));
      list.append(...fresh.map((li) => document.importNode(li, true)));
      const next = page.getElementById('load-older');
      if (next) {
        link.href = next.href;
        link.textContent = 'Load older events';
        link.removeAttribute('aria-busy');
      } else {
        const end = page.querySelector('.timeline-end') || Object.assign(document.createElement('p'), { className: 'muted timeline-end', textContent: 'That is the first event on this profile.' });
        link.replaceWith(document.importNode(end, true));
      }
      status.textContent = `Loaded ${fresh.length} older events.`;
      const first = list.querySelector(`li[data-seq="${fresh[0]?.dataset.seq}"]`);
      if (first) first.focus();
    } catch (error) {
      link.textContent = 'Load older events';
      link.removeAttribute('aria-busy');
      status.textContent = `Older events could not be loaded: ${error.message}`;
      window.location.href = link.href;
    }
  });
})();
