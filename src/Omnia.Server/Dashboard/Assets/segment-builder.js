// The segment builder: name, description and the condition tree edited visually, kept in sync with the JSON
// textarea the form posts, with a live size estimate (POST …/segments/estimate, debounced) and the server's errors
// placed on the conditions their JSON paths point into. Needs builder-kit.js and condition-builder.js.
(() => {
  'use strict';
  const B = window.OmniaBuilder;
  const host = document.getElementById('segment-builder');
  const textarea = document.getElementById('segment-json');
  if (!host || !textarea || !B || !B.conditions) return;
  const { el } = B;
  const workspace = host.dataset.workspace;
  const api = `/api/v1/workspaces/${encodeURIComponent(workspace)}`;
  const live = {
    box: document.getElementById('live-estimate'),
    figure: document.getElementById('live-estimate-figure'),
    hint: document.getElementById('live-estimate-hint'),
    preview: document.getElementById('live-estimate-preview'),
  };
  const DEFINITION_KEYS = ['version', 'name', 'description', 'condition'];
  let doc = {};
  let paused = false;

  // ---------- the visual panel: name, description, conditions ----------
  const nameInput = el('input', {
    id: 'builder-name', type: 'text', maxlength: '200', autocomplete: 'off', dataset: { field: 'name' },
    oninput: () => { doc.name = nameInput.value; emit(); },
  });
  const descriptionInput = el('input', {
    id: 'builder-description', type: 'text', autocomplete: 'off', dataset: { field: 'description' },
    oninput: () => { if (descriptionInput.value === '') delete doc.description; else doc.description = descriptionInput.value; emit(); },
  });
  const topErrors = el('ul', { className: 'cond-errors', id: 'builder-errors', hidden: true });
  const pausedNote = el('p', { className: 'form-note', id: 'builder-paused', hidden: true });
  const schemaNote = el('p', { className: 'hint', id: 'builder-schema' }, 'Loading the event, property and trait names of this workspace…');
  const editor = B.conditions({
    basePath: 'condition',
    exclude: host.dataset.slug || undefined,
    onChange: (condition) => {
      if (condition === undefined) delete doc.condition; else doc.condition = condition;
      emit();
    },
  });
  const fields = el('fieldset', { className: 'builder-fields' },
    el('legend', { className: 'visually-hidden' }, 'Segment'),
    el('div', { className: 'builder-names' },
      el('div', { className: 'field' }, el('label', { for: 'builder-name' }, 'Name'), nameInput),
      el('div', { className: 'field' }, el('label', { for: 'builder-description' }, 'Description (optional)'), descriptionInput)),
    topErrors,
    el('h3', { className: 'builder-title' }, 'Who belongs'),
    editor.element);
  host.append(pausedNote, fields, schemaNote);

  const canonical = (value) => {
    const out = {};
    for (const k of DEFINITION_KEYS) if (k in value) out[k] = k === 'condition' ? B.canonicalCondition(value[k]) : value[k];
    for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
    return out;
  };

  const emit = () => {
    if (paused) return;
    view.write(canonical(doc));
    scheduleEstimate();
  };

  const pause = (message) => {
    paused = Boolean(message);
    pausedNote.hidden = !paused;
    pausedNote.textContent = message || '';
    fields.disabled = paused;
  };

  const load = (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      pause('The JSON is not a segment definition (an object with "version", "name" and "condition"); fix it in the JSON view.');
      return;
    }
    pause('');
    doc = value;
    nameInput.value = typeof doc.name === 'string' ? doc.name : '';
    descriptionInput.value = typeof doc.description === 'string' ? doc.description : '';
    editor.set(doc.condition);
  };

  const view = B.jsonView({
    textarea,
    tabs: document.getElementById('editor-tabs'),
    visualTab: document.getElementById('tab-visual'),
    jsonTab: document.getElementById('tab-json'),
    visualPanel: document.getElementById('panel-visual'),
    jsonPanel: document.getElementById('panel-json'),
    status: document.getElementById('segment-json-status'),
    onJson: (value) => { load(value); scheduleEstimate(); },
    onInvalid: () => pause('The JSON view has an error, so the visual editor is paused to keep your text; fix it in the JSON view.'),
  });

  // ---------- errors with paths ----------
  const showErrors = (texts) => {
    const errors = texts.map(B.splitError);
    for (const input of [nameInput, descriptionInput]) input.removeAttribute('aria-invalid');
    const top = [];
    const rest = [];
    for (const error of errors) {
      if (error.path === 'name' || error.path === 'description') {
        (error.path === 'name' ? nameInput : descriptionInput).setAttribute('aria-invalid', 'true');
        top.push(error);
      } else if (B.under(error.path, 'condition')) rest.push(error);
      else top.push(error);
    }
    top.push(...editor.showErrors(rest));
    topErrors.replaceChildren(...top.map((e) => el('li', {}, e.path ? el('code', {}, e.path) : null, e.path ? ' ' : null, e.message)));
    topErrors.hidden = top.length === 0;
  };

  // ---------- live estimate ----------
  const number = (n) => Number(n).toLocaleString('en-US');
  const profiles = (n) => `${number(n)} ${n === 1 ? 'profile' : 'profiles'}`;
  let timer = 0;
  let controller = null;

  const scheduleEstimate = () => {
    live.box.hidden = false;
    live.box.setAttribute('aria-busy', 'true');
    clearTimeout(timer);
    timer = setTimeout(estimate, 600);
  };

  const estimate = async () => {
    if (controller) controller.abort();
    controller = new AbortController();
    const body = textarea.value;
    try {
      const response = await fetch(`${api}/segments/estimate`, {
        method: 'POST', credentials: 'same-origin', signal: controller.signal, body,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: B.token() },
      });
      const data = await response.json().catch(() => ({}));
      if (response.ok) {
        showEstimate(data);
        showErrors([]);
        document.getElementById('segment-errors')?.setAttribute('hidden', '');
      } else if (response.status === 400 && Array.isArray(data.errors)) {
        live.figure.textContent = `No estimate: the definition has ${data.errors.length} ${data.errors.length === 1 ? 'problem' : 'problems'}`;
        live.hint.textContent = 'Each problem is shown on the condition it belongs to.';
        live.preview.replaceChildren();
        showErrors(data.errors);
      } else {
        throw new Error(data.detail || `The server answered ${response.status}.`);
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      live.figure.textContent = 'The size could not be estimated.';
      live.hint.textContent = error.message;
    }
    live.box.removeAttribute('aria-busy');
  };

  const showEstimate = (e) => {
    live.figure.textContent = e.exact
      ? `exactly ${profiles(e.estimate)}`
      : `≈ ${profiles(e.estimate)} (95%: ${number(e.low)}–${number(e.high)}), from ${number(e.sampled)} sampled of ${number(e.population)}`;
    live.hint.textContent = e.exact
      ? `Every one of the workspace's ${profiles(e.population)} was evaluated.`
      : `${number(e.matched)} of ${number(e.sampled)} randomly sampled profiles match; the range holds the true size 19 times in 20.`;
    live.preview.replaceChildren(...(e.examples || []).slice(0, 5).map((p) => el('li', {},
      el('a', { href: `/w/${encodeURIComponent(workspace)}/profiles/${encodeURIComponent(p.id)}` }, p.name || p.email || p.id))));
  };

  // ---------- start ----------
  try {
    load(B.parseLenient(textarea.value));
    view.show(true);
  } catch (error) {
    view.show(false);
    view.showJsonError(error.message);
    pause('The JSON view has an error, so the visual editor is paused to keep your text; fix it in the JSON view.');
  }
  const serverErrors = [...document.querySelectorAll('#segment-errors li')].map((li) => li.textContent);
  if (serverErrors.length > 0 && !paused) showErrors(serverErrors);
  scheduleEstimate();

  B.schema(workspace).then((schema) => {
    editor.setSchema(schema);
    if (serverErrors.length > 0 && !paused) showErrors(serverErrors);
    const s = schema.sample;
    schemaNote.textContent = s.events === 0
      ? 'No events yet, so the pickers only offer the names your definitions use; you can type any name.'
      : `Pickers offer the names seen in ${s.complete ? (s.events === 1 ? 'the one event' : `all ${number(s.events)} events`) : `the newest ${number(s.events)} events`} of this workspace and those your definitions use; you can also type any name.`;
  }).catch((error) => {
    schemaNote.textContent = `The names of this workspace could not be loaded (${error.message}); type them instead.`;
  });
})();
