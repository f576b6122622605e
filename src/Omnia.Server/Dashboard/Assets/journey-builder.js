// The journey builder: trigger, entry rule, goal, exit criteria and the steps edited from menus, kept in sync with the
// JSON textarea the form posts; the flow drawn by journey-graph.js; a live check (POST …/journeys/validate, debounced)
// whose errors are shown on the step their JSON paths point into. Needs builder-kit.js, condition-builder.js and
// journey-graph.js. Without script the page is a plain JSON editor that still posts.
(() => {
  'use strict';
  const B = window.OmniaBuilder;
  const G = window.OmniaJourneyGraph;
  const host = document.getElementById('journey-builder');
  const textarea = document.getElementById('journey-json');
  const graph = document.getElementById('journey-graph');
  if (!host || !textarea || !B || !G) return;
  const { el } = B;
  const workspace = host.dataset.workspace;
  const api = `/api/v1/workspaces/${encodeURIComponent(workspace)}`;
  const data = JSON.parse(document.getElementById('journey-data')?.textContent || '{}');
  const counts = data.steps || {};
  const CHANNELS = [['email', 'Email'], ['sms', 'SMS'], ['push', 'Push'], ['in_app', 'In-app'], ['choose', 'The channel chosen before']];
  const STEP_TYPES = [
    ['wait', 'Wait'], ['waitUntil', 'Wait until a time of day'], ['waitForEvent', 'Wait for an event (with timeout)'],
    ['condition', 'Condition (yes / no)'], ['split', 'A/B split with control group'], ['send', 'Send a message'],
    ['chooseChannel', 'Choose the channel'], ['updateProfile', 'Update the profile'], ['webhook', 'Call a webhook'],
    ['jump', 'Jump to a step'], ['exit', 'Exit'],
  ];
  const TRIGGERS = [['event', 'An event happens'], ['segmentEntry', 'Someone enters a segment'], ['segmentExit', 'Someone leaves a segment'],
    ['date', 'A date in a trait (birthday, renewal)'], ['schedule', 'A broadcast to a segment'], ['api', 'An API call']];
  let doc = {};
  let paused = false;
  let errors = [];
  const conditionEditors = new Map();

  // ---------- helpers ----------
  const text = (value, onInput, attrs = {}) => el('input', { type: 'text', value: value ?? '', autocomplete: 'off', spellcheck: 'false', ...attrs, oninput: (e) => { onInput(e.target.value); emit(false); } });
  const field = (label, control, hint) => {
    const id = control.id || (control.id = B.uid('jb'));
    return el('div', { className: 'jb-field' }, el('label', { for: id }, label), control, hint ? el('span', { className: 'hint' }, hint) : null);
  };
  const choice = (options, current, onChange, attrs = {}) => B.select({ ...attrs, onchange: (e) => { onChange(e.target.value); emit(true); } }, options, current ?? '');
  const nodeIds = () => (doc.nodes || []).map((n) => n.id);
  const edgeSelect = (label, node, key, extra) => field(label, choice([['', 'Choose a step…'], ...nodeIds().filter((id) => id !== node.id || node.type === 'jump').map((id) => [id, id])],
    node[key], (v) => { if (v) node[key] = v; else delete node[key]; }, { dataset: { field: key }, ...extra }));
  const newId = (type) => {
    const used = new Set(nodeIds());
    let i = 1;
    while (used.has(`${type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${i}`)) i++;
    return `${type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${i}`;
  };
  const outEdges = (node) => {
    switch (node.type) {
      case 'waitForEvent': return ['onEvent', 'onTimeout'];
      case 'condition': return ['then', 'else'];
      case 'jump': return ['to'];
      case 'exit': case 'split': return [];
      case 'chooseChannel': return ['next', 'none'];
      default: return ['next'];
    }
  };
  const fresh = (type, target) => {
    const node = { id: newId(type), type };
    switch (type) {
      case 'wait': Object.assign(node, { duration: '1d', next: target }); break;
      case 'waitUntil': Object.assign(node, { time: '09:00', next: target }); break;
      case 'waitForEvent': Object.assign(node, { event: { name: 'Order Completed' }, timeout: '1h', onEvent: target, onTimeout: target }); break;
      case 'condition': Object.assign(node, { if: { consent: { channel: 'email', subscribed: true } }, then: target, else: target }); break;
      case 'split': Object.assign(node, { variants: [{ name: 'a', weight: 50, next: target }, { name: 'b', weight: 50, next: target }], control: 10 }); break;
      case 'send': Object.assign(node, { content: data.content?.[0] || '', channel: 'email', next: target }); break;
      case 'chooseChannel': Object.assign(node, { channels: ['email', 'sms', 'push'], next: target }); break;
      case 'updateProfile': Object.assign(node, { traits: { journey_step: node.id }, next: target }); break;
      case 'webhook': Object.assign(node, { url: 'https://example.com/hook', method: 'POST', next: target }); break;
      case 'jump': Object.assign(node, { to: target || doc.start }); break;
      default: break;
    }
    for (const k of Object.keys(node)) if (node[k] === undefined) delete node[k];
    return node;
  };

  // ---------- the journey's settings ----------
  const settings = el('div', { className: 'jb-settings' });
  const steps = el('ol', { className: 'jb-steps', id: 'journey-steps', 'aria-label': 'Steps' });
  const adder = el('div', { className: 'jb-adder', id: 'step-adder' });
  const topErrors = el('ul', { className: 'cond-errors', id: 'builder-errors', hidden: true });
  const pausedNote = el('p', { className: 'form-note', id: 'builder-paused', hidden: true });
  const fields = el('fieldset', { className: 'builder-fields' }, el('legend', { className: 'visually-hidden' }, 'Journey'), settings, topErrors,
    el('h3', { className: 'builder-title' }, 'Steps'), steps, adder);
  host.append(pausedNote, fields);

  const triggerKind = () => (doc.trigger && typeof doc.trigger === 'object' ? Object.keys(doc.trigger)[0] : '') || '';
  const renderSettings = () => {
    const kind = triggerKind();
    const t = doc.trigger?.[kind];
    const triggerFields = [];
    const segments = [['', 'Choose a segment…'], ...(data.segments || []).map((s) => [s, s])];
    if (kind === 'event') {
      triggerFields.push(field('Event', text(t.name, (v) => { t.name = v; }, { id: 'trigger-event', className: 'event-name', list: 'jb-events', dataset: { field: 'trigger.event.name' } })),
        field('Keyed by property (optional)', text(t.key, (v) => { if (v) t.key = v; else delete t.key; }, { id: 'trigger-key', className: 'narrow-wide', dataset: { field: 'trigger.event.key' } }), 'e.g. cart_id: one instance per cart'));
    } else if (kind === 'segmentEntry' || kind === 'segmentExit') {
      triggerFields.push(field('Segment', choice(segments, doc.trigger[kind], (v) => { doc.trigger[kind] = v; }, { id: 'trigger-segment' })));
    } else if (kind === 'date') {
      triggerFields.push(field('Date trait', text(t.trait, (v) => { t.trait = v; }, { id: 'trigger-trait' })),
        field('At (HH:mm)', text(t.at, (v) => { if (v) t.at = v; else delete t.at; }, { className: 'narrow' })),
        field('Offset', text(t.offset, (v) => { if (v) t.offset = v; else delete t.offset; }, { className: 'narrow' }), 'e.g. -7d'),
        field('Every year', el('input', { type: 'checkbox', checked: Boolean(t.yearly), onchange: (e) => { if (e.target.checked) t.yearly = true; else delete t.yearly; emit(false); } })));
    } else if (kind === 'schedule') {
      triggerFields.push(field('Segment', choice(segments, t.segment, (v) => { t.segment = v; }, { id: 'trigger-segment' })),
        field('Cron (recurring)', text(t.cron, (v) => { if (v) { t.cron = v; delete t.at; } else delete t.cron; }, { className: 'narrow-wide' }), 'e.g. 0 9 * * MON'),
        field('Or once at', text(t.at, (v) => { if (v) { t.at = v; delete t.cron; } else delete t.at; }, { className: 'date' }), 'e.g. 2026-12-01T09:00:00Z'));
    } else if (kind === 'api') {
      triggerFields.push(field('Keyed by property (optional)', text(t.key, (v) => { if (v) t.key = v; else delete t.key; })));
    }
    const entry = doc.entry || (doc.entry = { rule: 'oneAtATime' });
    const goal = doc.goal;
    const exit = Array.isArray(doc.exitOn) ? doc.exitOn.find((e) => e.event) : null;
    settings.replaceChildren(
      el('div', { className: 'builder-names' },
        field('Name', text(doc.name, (v) => { doc.name = v; }, { id: 'builder-name', maxlength: '200', dataset: { field: 'name' } })),
        field('Description (optional)', text(doc.description, (v) => { if (v) doc.description = v; else delete doc.description; }, { id: 'builder-description' }))),
      el('div', { className: 'jb-row', dataset: { path: 'trigger' } },
        field('Trigger', choice([['', 'Choose a trigger…'], ...TRIGGERS], kind, (v) => {
          doc.trigger = v === 'event' ? { event: { name: '' } } : v === 'date' ? { date: { trait: 'birthday', yearly: true } }
            : v === 'schedule' ? { schedule: { segment: data.segments?.[0] || '', cron: '0 9 * * MON' } } : v === 'api' ? { api: {} } : v ? { [v]: data.segments?.[0] || '' } : undefined;
          if (!doc.trigger) delete doc.trigger;
        }, { id: 'trigger-kind' })),
        ...triggerFields),
      el('div', { className: 'jb-row', dataset: { path: 'entry' } },
        field('Who may enter', choice([['once', 'Once ever (per key)'], ['oneAtATime', 'Again once the last run ended'], ['reentry', 'Again after a cooldown']], entry.rule, (v) => {
          entry.rule = v;
          if (v === 'reentry') entry.cooldown = entry.cooldown || '30d'; else delete entry.cooldown;
        }, { id: 'entry-rule' })),
        entry.rule === 'reentry' ? field('Cooldown', text(entry.cooldown, (v) => { entry.cooldown = v; }, { className: 'narrow' })) : null),
      el('div', { className: 'jb-row', dataset: { path: 'goal' } },
        field('Goal', choice([['', 'No goal'], ['event', 'An event counts as a conversion']], goal ? 'event' : '', (v) => {
          if (v) doc.goal = { event: { name: 'Order Completed' }, within: '7d' }; else delete doc.goal;
        }, { id: 'goal-kind' })),
        goal ? field('Event', text(goal.event?.name, (v) => { goal.event = { ...(goal.event || {}), name: v }; }, { id: 'goal-event', className: 'event-name', list: 'jb-events' })) : null,
        goal ? field('Within', text(goal.within, (v) => { goal.within = v; }, { className: 'narrow' })) : null,
        goal && (doc.trigger?.event?.key || goal.matchKey) ? field('Same key', el('input', { type: 'checkbox', checked: Boolean(goal.matchKey), onchange: (e) => { if (e.target.checked && doc.trigger?.event?.key) goal.matchKey = doc.trigger.event.key; else delete goal.matchKey; emit(true); } })) : null),
      el('div', { className: 'jb-row', dataset: { path: 'exitOn' } },
        field('Exit at once on', choice([['', 'Nothing'], ['event', 'An event']], exit ? 'event' : '', (v) => {
          const others = (doc.exitOn || []).filter((e) => !e.event);
          doc.exitOn = v ? [{ event: { name: 'Order Completed' }, ...(doc.trigger?.event?.key ? { matchKey: doc.trigger.event.key } : {}) }, ...others] : others;
          if (doc.exitOn.length === 0) delete doc.exitOn;
        }, { id: 'exit-kind' })),
        exit ? field('Event', text(exit.event.name, (v) => { exit.event.name = v; }, { id: 'exit-event', className: 'event-name', list: 'jb-events' })) : null),
      el('div', { className: 'jb-row', dataset: { path: 'start' } },
        field('First step', choice([['', 'Choose a step…'], ...nodeIds().map((id) => [id, id])], doc.start, (v) => { doc.start = v; }, { id: 'start-step' }))));
  };

  // ---------- steps ----------
  const stepFields = (node, i) => {
    const path = `nodes[${i}]`;
    const set = (key) => (v) => { if (v === '') delete node[key]; else node[key] = v; };
    switch (node.type) {
      case 'wait': return [field('For', text(node.duration, set('duration'), { className: 'narrow', dataset: { field: 'duration' } }), '30m, 12h, 3d'), edgeSelect('Then', node, 'next')];
      case 'waitUntil': return [field('Time of day', text(node.time, set('time'), { className: 'narrow', dataset: { field: 'time' } }), "on the person's clock"), edgeSelect('Then', node, 'next')];
      case 'waitForEvent': return [
        field('Event', text(node.event?.name, (v) => { node.event = { ...(node.event || {}), name: v }; }, { className: 'event-name', list: 'jb-events', dataset: { field: 'event.name' } })),
        doc.trigger?.event?.key || node.matchKey ? field('Same key', el('input', { type: 'checkbox', checked: Boolean(node.matchKey), onchange: (e) => { if (e.target.checked && doc.trigger?.event?.key) node.matchKey = doc.trigger.event.key; else delete node.matchKey; emit(true); } }), 'the same entry key as the trigger') : null,
        field('Timeout', text(node.timeout, set('timeout'), { className: 'narrow', dataset: { field: 'timeout' } })),
        edgeSelect('If it happens', node, 'onEvent'), edgeSelect('After the timeout', node, 'onTimeout')];
      case 'condition': {
        let editor = conditionEditors.get(node);
        if (!editor) {
          editor = B.conditions({ basePath: `${path}.if`, onChange: (c) => { if (c === undefined) delete node.if; else node.if = c; emit(false); } });
          editor.set(node.if);
          conditionEditors.set(node, editor);
        } else editor.setBasePath(`${path}.if`);
        if (B.schemaLoaded) editor.setSchema(B.schemaLoaded);
        return [el('div', { className: 'jb-condition' }, editor.element), edgeSelect('If yes', node, 'then'), edgeSelect('If no', node, 'else')];
      }
      case 'split': return [
        ...(node.variants || []).map((v, k) => el('div', { className: 'jb-variant', dataset: { path: `${path}.variants[${k}]` } },
          field('Variant', text(v.name, (x) => { v.name = x; }, { className: 'narrow' })),
          field('Weight', text(String(v.weight ?? ''), (x) => { v.weight = Number(x); }, { className: 'narrow', inputmode: 'numeric' })),
          field('Then', choice([['', 'Choose a step…'], ...nodeIds().filter((id) => id !== node.id).map((id) => [id, id])], v.next, (x) => { v.next = x; })),
          el('button', { type: 'button', className: 'icon-button', 'aria-label': `Remove variant ${v.name}`, onclick: () => { node.variants.splice(k, 1); emit(true); } }, '×'))),
        el('button', { type: 'button', className: 'button ghost small', onclick: () => { node.variants = [...(node.variants || []), { name: String.fromCharCode(97 + (node.variants || []).length), weight: 50, next: node.variants?.[0]?.next || '' }]; emit(true); } }, '+ Add variant'),
        field('Control group weight', text(String(node.control ?? 0), (x) => { if (Number(x) > 0) node.control = Number(x); else delete node.control; }, { className: 'narrow', inputmode: 'numeric' }), 'gets no steps; measured for uplift')];
      case 'send': return [
        field('Content', choice([['', 'Choose content…'], ...(data.content || []).map((c) => [c, c])], node.content, set('content'), { dataset: { field: 'content' } })),
        field('Channel', choice(CHANNELS, node.channel, set('channel'), { dataset: { field: 'channel' } })), edgeSelect('Then', node, 'next')];
      case 'chooseChannel': return [
        field('Channels, in order', text((node.channels || []).join(', '), (v) => { node.channels = v.split(',').map((s) => s.trim()).filter(Boolean); }, { dataset: { field: 'channels' } }), "the person's preferred one first when listed and reachable"),
        edgeSelect('Then', node, 'next'), edgeSelect('If none is reachable', node, 'none')];
      case 'updateProfile': return [
        field('Traits (name = value, one a line)', el('textarea', { rows: 3, className: 'code-editor small', dataset: { field: 'traits' },
          oninput: (e) => { node.traits = Object.fromEntries(e.target.value.split('\n').map((l) => l.split('=')).filter((p) => p[0].trim()).map(([k, ...v]) => [k.trim(), v.join('=').trim()])); emit(false); } },
          Object.entries(node.traits || {}).map(([k, v]) => `${k} = ${v ?? ''}`).join('\n'))),
        edgeSelect('Then', node, 'next')];
      case 'webhook': return [field('URL', text(node.url, set('url'), { dataset: { field: 'url' } })),
        field('Method', choice(['POST', 'GET', 'PUT', 'PATCH', 'DELETE'].map((m) => [m, m]), node.method || 'POST', set('method'))), edgeSelect('Then', node, 'next')];
      case 'jump': return [edgeSelect('Go to', node, 'to')];
      default: return [];
    }
  };

  const renderSteps = () => {
    const live = new Set(doc.nodes || []);
    for (const key of [...conditionEditors.keys()]) if (!live.has(key)) conditionEditors.delete(key);
    steps.replaceChildren(...(doc.nodes || []).map((node, i) => {
      const count = counts[node.id];
      return el('li', { className: `jb-step type-${node.type}`, dataset: { path: `nodes[${i}]`, node: node.id } },
        el('div', { className: 'jb-step-head' },
          el('span', { className: 'jb-step-type' }, G.labels[node.type] || node.type),
          el('code', { className: 'jb-step-id' }, node.id),
          node.id === doc.start ? el('span', { className: 'status-pill' }, 'first') : null,
          count !== undefined ? el('span', { className: 'jb-count', dataset: { count } }, `${Number(count).toLocaleString('en-US')} reached`) : null,
          el('button', { type: 'button', className: 'icon-button', 'aria-label': `Remove step ${node.id}`, onclick: () => removeStep(i) }, '×')),
        el('div', { className: 'jb-step-fields' }, stepFields(node, i)),
        el('ul', { className: 'cond-errors jb-errors', hidden: true }));
    }));
  };

  const removeStep = (i) => {
    const [gone] = doc.nodes.splice(i, 1);
    const follow = gone[outEdges(gone)[0]] || '';
    for (const n of doc.nodes) {
      for (const key of outEdges(n)) if (n[key] === gone.id) { if (follow) n[key] = follow; else delete n[key]; }
      for (const v of n.variants || []) if (v.next === gone.id) v.next = follow;
    }
    if (doc.start === gone.id) doc.start = follow || doc.nodes[0]?.id;
    emit(true);
  };

  const renderAdder = () => {
    const places = [['', 'at the end, unconnected']];
    for (const n of doc.nodes || []) {
      for (const key of outEdges(n)) places.push([`${n.id}|${key}`, `after ${n.id}${outEdges(n).length > 1 ? ` (${key})` : ''}`]);
      (n.variants || []).forEach((v, k) => places.push([`${n.id}|variants.${k}`, `after ${n.id} (variant ${v.name})`]));
    }
    if (doc.start) places.unshift([`|start`, 'before the first step']);
    const typeSelect = B.select({ id: 'add-step-type', 'aria-label': 'Kind of step' }, STEP_TYPES, 'send');
    const placeSelect = B.select({ id: 'add-step-place', 'aria-label': 'Where' }, places, places.length > 1 ? places[places.length - 1][0] : '');
    adder.replaceChildren(el('span', {}, 'Add'), typeSelect, placeSelect,
      el('button', { type: 'button', className: 'button small', id: 'add-step', onclick: () => addStep(typeSelect.value, placeSelect.value) }, '+ Add step'));
  };

  const addStep = (type, place) => {
    doc.nodes = doc.nodes || [];
    const [from, key] = place.split('|');
    const owner = doc.nodes.find((n) => n.id === from);
    let target;
    if (key === 'start') target = doc.start;
    else if (owner && key.startsWith('variants.')) target = owner.variants[Number(key.slice(9))].next;
    else if (owner) target = owner[key];
    const node = fresh(type, target);
    if (type === 'exit' || type === 'jump') { /* ends the path */ }
    if (key === 'start' || doc.nodes.length === 0) doc.start = node.id;
    else if (owner && key.startsWith('variants.')) owner.variants[Number(key.slice(9))].next = node.id;
    else if (owner) owner[key] = node.id;
    const at = owner ? doc.nodes.indexOf(owner) + 1 : doc.nodes.length;
    doc.nodes.splice(key === 'start' ? 0 : at, 0, node);
    emit(true);
    steps.querySelector(`[data-node="${CSS.escape(node.id)}"] select, [data-node="${CSS.escape(node.id)}"] input`)?.focus();
  };

  // ---------- sync, graph, errors ----------
  const ORDER = ['version', 'name', 'description', 'trigger', 'entry', 'goal', 'exitOn', 'start', 'nodes'];
  const canonical = (value) => {
    const out = {};
    for (const k of ORDER) if (k in value) out[k] = value[k];
    for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
    return out;
  };
  const render = () => B.keepFocus(host, () => { renderSettings(); renderSteps(); renderAdder(); placeErrors(); });
  const emit = (structural) => {
    if (paused) return;
    view.write(canonical(doc));
    if (structural) render();
    drawGraph();
    scheduleCheck();
  };
  const drawGraph = () => {
    const invalid = new Set(errors.map((e) => /^nodes\[(\d+)\]/.exec(e.path || '')).filter(Boolean).map((m) => doc.nodes?.[Number(m[1])]?.id));
    G.draw(graph, doc, counts, invalid);
  };
  const placeErrors = () => {
    for (const box of host.querySelectorAll('.jb-errors')) { box.replaceChildren(); box.hidden = true; }
    for (const f of host.querySelectorAll('[aria-invalid="true"]')) f.removeAttribute('aria-invalid');
    const top = [];
    const byStep = new Map();
    for (const error of errors) {
      const m = /^nodes\[(\d+)\](.*)$/.exec(error.path || '');
      if (m && doc.nodes?.[Number(m[1])]) (byStep.get(Number(m[1])) || byStep.set(Number(m[1]), []).get(Number(m[1]))).push({ rest: m[2].replace(/^\./, ''), error });
      else top.push(error);
    }
    for (const [i, list] of byStep) {
      const item = steps.children[i];
      if (!item) continue;
      const box = item.querySelector('.jb-errors');
      box.hidden = false;
      box.append(...list.map(({ rest, error }) => el('li', {}, rest ? el('code', {}, rest) : null, rest ? ' ' : null, error.message)));
      for (const { rest } of list) item.querySelector(`[data-field="${CSS.escape(rest.split('.')[0])}"]`)?.setAttribute('aria-invalid', 'true');
      item.classList.add('invalid');
    }
    topErrors.replaceChildren(...top.map((e) => el('li', {}, e.path ? el('code', {}, e.path) : null, e.path ? ' ' : null, e.message)));
    topErrors.hidden = top.length === 0;
  };
  const showErrors = (texts) => { errors = texts.map(B.splitError); placeErrors(); drawGraph(); };

  let timer = 0;
  let controller = null;
  const scheduleCheck = () => { clearTimeout(timer); timer = setTimeout(check, 700); };
  const check = async () => {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${api}/journeys/validate`, {
        method: 'POST', credentials: 'same-origin', signal: controller.signal, body: textarea.value,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: B.token() },
      });
      const result = await response.json().catch(() => ({}));
      if (response.ok) {
        showErrors(result.errors || []);
        host.dataset.valid = String(Boolean(result.valid));
      }
    } catch (error) {
      if (error.name !== 'AbortError') host.dataset.valid = 'unknown';
    }
  };

  const pause = (message) => {
    paused = Boolean(message);
    pausedNote.hidden = !paused;
    pausedNote.textContent = message || '';
    fields.disabled = paused;
  };
  const load = (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      pause('The JSON is not a journey definition (an object with "version", "name", "trigger", "start" and "nodes"); fix it in the JSON view.');
      return;
    }
    pause('');
    doc = value;
    if (!Array.isArray(doc.nodes)) doc.nodes = [];
    conditionEditors.clear();
    render();
    drawGraph();
  };
  const view = B.jsonView({
    textarea,
    tabs: document.getElementById('editor-tabs'),
    visualTab: document.getElementById('tab-visual'),
    jsonTab: document.getElementById('tab-json'),
    visualPanel: document.getElementById('panel-visual'),
    jsonPanel: document.getElementById('panel-json'),
    status: document.getElementById('journey-json-status'),
    onJson: (value) => { load(value); scheduleCheck(); },
    onInvalid: () => pause('The JSON view has an error, so the visual editor is paused to keep your text; fix it in the JSON view.'),
  });

  try {
    load(B.parseLenient(textarea.value));
    view.show(true);
  } catch (error) {
    view.show(false);
    view.showJsonError(error.message);
    pause('The JSON view has an error, so the visual editor is paused to keep your text; fix it in the JSON view.');
  }
  const serverErrors = [...document.querySelectorAll('#journey-errors li')].map((li) => li.textContent);
  if (serverErrors.length > 0 && !paused) showErrors(serverErrors);

  B.schema(workspace).then((schema) => {
    B.schemaLoaded = schema;
    B.datalist('jb-events', (schema.events || []).map((e) => [e.name || e]));
    for (const editor of conditionEditors.values()) editor.setSchema(schema);
  }).catch(() => {});
})();
