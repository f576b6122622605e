// The overview page: key figures, the events-by-channel chart (Chart.js) and the live event stream.
// Data comes from the admin API with the sign-in cookie: stats/overview once, events/latest every 2 s.
(() => {
  'use strict';
  const root = document.getElementById('overview');
  if (!root) return;
  const api = root.dataset.api;
  const iconsUrl = root.dataset.icons;
  const looks = JSON.parse(document.getElementById('channel-look').textContent);
  const look = (code) => looks[code] || { name: code, icon: 'dot', color: '#868e96' };
  const numbers = new Intl.NumberFormat('en-US');
  const POLL_MS = 2000;
  const STREAM_MAX = 40;

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) {
      let detail = `The server answered ${response.status}.`;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch { /* not problem+json */ }
      throw new Error(detail);
    }
    return response.json();
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function icon(name) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'icon');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
    use.setAttribute('href', `${iconsUrl}#${name}`);
    svg.appendChild(use);
    return svg;
  }

  function badge(code, name) {
    const l = look(code);
    const span = el('span', 'channel');
    span.style.setProperty('--ch', l.color);
    span.dataset.channel = code;
    span.append(icon(l.icon), document.createTextNode(name || l.name));
    return span;
  }

  function setTile(id, value, hint) {
    const tile = document.getElementById(id);
    tile.querySelector('[data-value]').textContent = value;
    if (hint) tile.querySelector('[data-hint]').textContent = hint;
  }

  function errorBox(title, detail) {
    const box = el('div', 'error-state');
    box.setAttribute('role', 'alert');
    box.append(icon('alert'));
    const text = el('div');
    text.append(el('p', 'error-title', title), el('p', 'error-text', detail));
    box.append(text);
    return box;
  }

  // ---- key figures, top channels, chart ----
  async function loadStats() {
    const tiles = root.querySelector('.tiles');
    try {
      const s = await getJson(`${api}/stats/overview?days=30`);
      setTile('tile-events-today', numbers.format(s.eventsToday));
      setTile('tile-profiles', numbers.format(s.profiles));
      setTile('tile-identified', `${Math.round((s.identifiedShare || 0) * 100)}%`,
        `${numbers.format(s.identifiedProfiles)} of ${numbers.format(s.profiles)} profiles have a user id or email`);
      tiles.setAttribute('aria-busy', 'false');
      renderTopChannels(s.topChannels || []);
      renderChart(s.channelsByDay || []);
    } catch (error) {
      tiles.setAttribute('aria-busy', 'false');
      for (const id of ['tile-events-today', 'tile-profiles', 'tile-identified']) setTile(id, '—');
      const banner = root.querySelector('.overview-error');
      banner.replaceChildren(errorBox('The figures could not be loaded.', `${error.message} Reload the page to try again.`));
      banner.hidden = false;
      const box = root.querySelector('.chart-box');
      box.dataset.state = 'error';
      box.replaceChildren(el('p', 'muted', 'The chart could not be loaded.'));
      root.querySelector('.chart-table').hidden = true;
      document.getElementById('top-channels').replaceChildren();
      document.getElementById('top-channels').setAttribute('aria-busy', 'false');
    }
  }

  function renderTopChannels(top) {
    const list = document.getElementById('top-channels');
    list.setAttribute('aria-busy', 'false');
    list.replaceChildren();
    if (top.length === 0) {
      list.append(el('li', 'muted', 'No events in the last 30 days yet.'));
      return;
    }
    const max = Math.max(...top.map((t) => t.events));
    for (const t of top.slice(0, 8)) {
      const li = el('li', 'top-channel');
      const bar = el('span', 'bar');
      bar.style.setProperty('--share', `${(100 * t.events / max).toFixed(1)}%`);
      bar.style.setProperty('--ch', look(t.channel).color);
      li.append(badge(t.channel, t.name), el('span', 'top-count', numbers.format(t.events)), bar);
      list.append(li);
    }
  }

  function lastDays(count) {
    const days = [];
    const today = new Date();
    const utc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    for (let i = count - 1; i >= 0; i--) days.push(new Date(utc - i * 86400000).toISOString().slice(0, 10));
    return days;
  }

  function renderChart(rows) {
    const box = root.querySelector('.chart-box');
    const days = lastDays(30);
    const totals = new Map();
    const names = new Map();
    for (const r of rows) {
      totals.set(r.channel, (totals.get(r.channel) || 0) + r.events);
      names.set(r.channel, r.name);
    }
    if (rows.length === 0 || typeof Chart === 'undefined') {
      box.dataset.state = 'empty';
      root.querySelector('.chart-table').hidden = true;
      box.replaceChildren(el('p', 'empty-title', 'No events in the last 30 days.'),
        el('p', 'muted', 'Send events from a source and they appear here within seconds.'));
      return;
    }
    const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    const shown = ranked.slice(0, 7);
    const rest = new Set(ranked.slice(7));
    const series = new Map(shown.map((c) => [c, new Array(days.length).fill(0)]));
    if (rest.size) series.set('other', new Array(days.length).fill(0));
    const index = new Map(days.map((d, i) => [d, i]));
    for (const r of rows) {
      const i = index.get(r.day);
      if (i === undefined) continue;
      const key = rest.has(r.channel) ? 'other' : r.channel;
      series.get(key)[i] += r.events;
    }
    const labels = days.map((d) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }));
    const datasets = [...series.entries()].map(([code, data]) => ({
      label: code === 'other' && rest.size ? 'Other channels' : (names.get(code) || look(code).name),
      data,
      backgroundColor: look(code).color,
      borderRadius: 2,
      maxBarThickness: 22,
    }));
    box.dataset.state = 'ready';
    box.querySelector('.loading-note')?.remove();
    const style = getComputedStyle(document.documentElement);
    Chart.defaults.font.family = style.getPropertyValue('--font').trim() || 'system-ui, sans-serif';
    Chart.defaults.color = style.getPropertyValue('--muted').trim() || '#5c6470';
    new Chart(document.getElementById('channel-chart'), {
      type: 'bar',
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, grid: { color: '#eef0f4' }, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10, usePointStyle: true } } },
      },
    });
    renderChartTable(labels, datasets);
  }

  function renderChartTable(labels, datasets) {
    const table = el('table', 'table compact');
    const head = el('tr');
    head.append(el('th', null, 'Day'), ...datasets.map((d) => el('th', 'num', d.label)));
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    labels.forEach((label, i) => {
      const row = el('tr');
      const th = el('th', null, label);
      th.scope = 'row';
      row.append(th, ...datasets.map((d) => el('td', 'num', numbers.format(d.data[i]))));
      tbody.append(row);
    });
    table.append(thead, tbody);
    document.getElementById('chart-table').replaceChildren(table);
  }

  // ---- live stream ----
  const stream = document.getElementById('stream');
  const status = document.getElementById('stream-status');
  const toggle = document.getElementById('stream-toggle');
  let lastSeq = -1;
  let paused = false;
  let timer = null;

  function title(e) {
    switch (e.type) {
      case 'track': return e.event || 'Track';
      case 'page': return e.event ? `Viewed ${e.event}` : 'Page viewed';
      case 'screen': return e.event ? `Opened ${e.event}` : 'Screen viewed';
      case 'identify': return 'Identified';
      case 'alias': return 'Alias';
      case 'group': return 'Joined a group';
      default: return e.event || e.type;
    }
  }

  function ago(iso) {
    const seconds = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
    if (seconds < 45) return 'just now';
    if (seconds < 3600) return `${Math.max(1, Math.floor(seconds / 60))} min ago`;
    if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
    const days = Math.floor(seconds / 86400);
    return `${days} ${days === 1 ? 'day' : 'days'} ago`;
  }

  function streamItem(e) {
    const li = el('li', 'stream-item');
    li.dataset.seq = e.seq;
    const what = el('span', 'stream-what');
    what.append(el('span', 'stream-title', title(e)));
    const detail = e.campaign || (e.url ? e.url.replace(/^https?:\/\//, '') : null);
    if (detail) what.append(el('span', 'stream-detail muted', detail));
    const time = el('time', 'stream-time muted', ago(e.receivedAt || e.timestamp));
    time.dateTime = e.receivedAt || e.timestamp;
    time.title = new Date(time.dateTime).toUTCString();
    li.append(badge(e.channel, e.channelName), what, time);
    return li;
  }

  async function poll() {
    timer = null;
    if (!paused && !document.hidden) {
      try {
        const events = (await getJson(`${api}/events/latest?limit=20`)).sort((a, b) => b.seq - a.seq);
        const fresh = events.filter((e) => e.seq > lastSeq);
        const first = lastSeq < 0;
        if (first && events.length === 0) {
          stream.replaceChildren(el('li', 'stream-empty muted', 'No events yet. Events appear here within two seconds of arriving.'));
        }
        if (fresh.length > 0) {
          stream.querySelector('.stream-empty')?.remove();
          const nodes = fresh.map((e) => {
            const node = streamItem(e);
            if (!first) node.classList.add('is-new');
            return node;
          });
          stream.prepend(...nodes);
          while (stream.children.length > STREAM_MAX) stream.lastElementChild.remove();
        }
        if (events.length > 0) lastSeq = Math.max(lastSeq, events[0].seq);
        else if (first) lastSeq = 0;
        for (const time of stream.querySelectorAll('time')) time.textContent = ago(time.dateTime);
        status.textContent = `Updated ${new Date().toLocaleTimeString('en-US')} · refreshes every 2 seconds`;
        status.classList.remove('is-error');
      } catch (error) {
        status.textContent = `The live stream could not be updated: ${error.message} Retrying…`;
        status.classList.add('is-error');
      }
    }
    schedule();
  }

  function schedule() {
    if (timer === null) timer = setTimeout(poll, lastSeq < 0 ? 0 : POLL_MS);
  }

  toggle.addEventListener('click', () => {
    paused = !paused;
    toggle.setAttribute('aria-pressed', String(paused));
    toggle.replaceChildren(icon(paused ? 'play' : 'pause'), document.createTextNode(paused ? 'Resume' : 'Pause'));
    status.textContent = paused ? 'Paused.' : 'Resuming…';
  });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) schedule(); });

  loadStats();
  schedule();
})();
