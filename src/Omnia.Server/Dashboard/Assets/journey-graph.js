// The journey's flow as an SVG graph: nodes in rows by their distance from the start, edges labelled with the
// branch they stand for, each node with how many people reached it and marked when it has a problem. Plain SVG,
// no layout library: journeys are small (at most 200 nodes) and mostly vertical.
(() => {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const W = 168;
  const H = 50;
  const GAP_X = 28;
  const GAP_Y = 46;

  const svg = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /** The node's outgoing edges as [label, target]. */
  const edges = (node) => {
    switch (node.type) {
      case 'waitForEvent': return [['event', node.onEvent], ['timeout', node.onTimeout]];
      case 'condition': return [['yes', node.then], ['no', node.else]];
      case 'split': return (node.variants || []).map((v) => [v.name || 'variant', v.next]);
      case 'chooseChannel': return [['', node.next], ['none', node.none]];
      case 'waitUntil': return [['', node.next], ['missed', node.missed]];
      case 'jump': return [['jump', node.to]];
      case 'exit': return [];
      default: return [['', node.next]];
    }
  };

  const LABELS = {
    wait: 'Wait', waitUntil: 'Wait until', waitForEvent: 'Wait for event', condition: 'Condition', split: 'A/B split',
    send: 'Send', chooseChannel: 'Choose channel', updateProfile: 'Update profile', webhook: 'Webhook', jump: 'Jump', exit: 'Exit',
  };

  const summary = (node) => {
    switch (node.type) {
      case 'wait': return node.duration || '';
      case 'waitUntil': return node.time || node.trait || '';
      case 'waitForEvent': return `${node.event?.name || '?'} · ${node.timeout || ''}`;
      case 'send': return `${node.content || '?'} · ${node.channel || ''}`;
      case 'split': return `${(node.variants || []).length} variants${node.control ? ` + control ${node.control}` : ''}`;
      case 'webhook': return node.method || 'POST';
      default: return '';
    }
  };

  const draw = (container, doc, counts, invalid) => {
    const nodes = Array.isArray(doc.nodes) ? doc.nodes.filter((n) => n && typeof n.id === 'string') : [];
    const byId = new Map(nodes.map((n) => [n.id, n]));
    // Rows by breadth-first distance from the start; nodes it cannot reach go in a last row.
    const depth = new Map();
    const queue = byId.has(doc.start) ? [doc.start] : [];
    if (queue.length) depth.set(doc.start, 0);
    while (queue.length) {
      const id = queue.shift();
      for (const [, target] of edges(byId.get(id))) {
        if (byId.has(target) && !depth.has(target)) { depth.set(target, depth.get(id) + 1); queue.push(target); }
      }
    }
    const lastRow = Math.max(-1, ...depth.values()) + 1;
    for (const n of nodes) if (!depth.has(n.id)) depth.set(n.id, lastRow);
    const rows = [];
    for (const n of nodes) (rows[depth.get(n.id)] ||= []).push(n);
    const widest = Math.max(1, ...rows.filter(Boolean).map((r) => r.length));
    const width = widest * (W + GAP_X) + GAP_X;
    const pos = new Map();
    rows.forEach((row, r) => {
      if (!row) return;
      const offset = (width - row.length * (W + GAP_X) + GAP_X) / 2;
      row.forEach((n, c) => pos.set(n.id, { x: offset + c * (W + GAP_X), y: GAP_Y / 2 + 30 + r * (H + GAP_Y) }));
    });
    const height = (rows.length || 1) * (H + GAP_Y) + 40;
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, class: 'flow', 'aria-hidden': 'true' });
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'flow-arrow' }));
    const defs = svg('defs', {});
    defs.append(marker);
    root.append(defs, svg('text', { x: width / 2, y: 16, 'text-anchor': 'middle', class: 'flow-trigger' }, `Trigger: ${triggerText(doc.trigger)}`));
    if (byId.has(doc.start)) {
      const p = pos.get(doc.start);
      root.append(svg('line', { x1: p.x + W / 2, y1: 22, x2: p.x + W / 2, y2: p.y, class: 'flow-edge', 'marker-end': 'url(#arrow)' }));
    }
    for (const n of nodes) {
      const from = pos.get(n.id);
      const out = edges(n).filter(([, t]) => byId.has(t));
      out.forEach(([label, target], i) => {
        const to = pos.get(target);
        const x1 = from.x + W * (i + 1) / (out.length + 1);
        const back = to.y <= from.y;
        const x2 = to.x + W / 2;
        const y1 = from.y + H;
        const y2 = back ? to.y + H / 2 : to.y;
        const d = back
          ? `M ${x1} ${y1} C ${x1} ${y1 + 30}, ${to.x + W + 30} ${y2}, ${to.x + W} ${y2}`
          : `M ${x1} ${y1} C ${x1} ${y1 + GAP_Y / 2}, ${x2} ${y2 - GAP_Y / 2}, ${x2} ${y2}`;
        root.append(svg('path', { d, class: `flow-edge${back ? ' back' : ''}`, 'marker-end': 'url(#arrow)' }));
        if (label) root.append(svg('text', { x: x1 + 4, y: y1 + 14, class: 'flow-label' }, label));
      });
    }
    for (const n of nodes) {
      const p = pos.get(n.id);
      const g = svg('g', { class: `flow-node type-${n.type}${invalid.has(n.id) ? ' invalid' : ''}`, 'data-node': n.id, transform: `translate(${p.x} ${p.y})` });
      g.append(svg('rect', { width: W, height: H, rx: 8 }));
      g.append(svg('text', { x: 10, y: 18, class: 'flow-type' }, `${LABELS[n.type] || n.type || '?'}`));
      g.append(svg('text', { x: 10, y: 36, class: 'flow-detail' }, (summary(n) || n.id).slice(0, 24)));
      const count = counts[n.id];
      if (count !== undefined) g.append(svg('text', { x: W - 8, y: 18, 'text-anchor': 'end', class: 'flow-count', 'data-count': count }, Number(count).toLocaleString('en-US')));
      g.append(svg('title', {}, `${n.id}${count !== undefined ? `: ${count} reached` : ''}`));
      root.append(g);
    }
    container.replaceChildren(root);
  };

  const triggerText = (t) => {
    if (!t || typeof t !== 'object') return 'not chosen';
    if (t.event) return `${t.event.name || '?'}${t.event.key ? ` (by ${t.event.key})` : ''}`;
    if (t.segmentEntry) return `enters ${t.segmentEntry}`;
    if (t.segmentExit) return `leaves ${t.segmentExit}`;
    if (t.date) return `date in ${t.date.trait || '?'}`;
    if (t.schedule) return `broadcast to ${t.schedule.segment || '?'}`;
    if (t.api) return 'API call';
    return 'not chosen';
  };

  window.OmniaJourneyGraph = { draw, edges, labels: LABELS };
})();
