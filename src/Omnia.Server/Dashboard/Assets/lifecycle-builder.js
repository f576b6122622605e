// Lifecycle rules, visually: one card per stage from advocacy down, each with its rule's condition in the same
// condition editor as segments (without segment, persona and lifecycleStage conditions, which a stage cannot use),
// kept in sync with the JSON textarea the form posts. Needs builder-kit.js and condition-builder.js.
(() => {
  'use strict';
  const B = window.OmniaBuilder;
  const host = document.getElementById('lifecycle-builder');
  const textarea = document.getElementById('rules-json');
  if (!host || !textarea || !B || !B.conditions) return;
  const { el } = B;
  const STAGES = [
    ['advocacy', 'Advocacy', 'Recommends the brand to others'],
    ['loyalty', 'Loyalty', 'Buys again, and recently'],
    ['conversion', 'Conversion', 'Has bought'],
    ['consideration', 'Consideration', 'Shows buying interest'],
  ];
  const ORDER = STAGES.map(([stage]) => stage);
  const kinds = B.conditionKinds.filter((k) => !['segment', 'persona', 'lifecycleStage'].includes(k));
  const readOnly = textarea.readOnly;
  let doc = {};
  let paused = false;
  const rules = {}; // stage → { present, condition, editor, card, errors }

  const pausedNote = el('p', { className: 'form-note', id: 'builder-paused', hidden: true });
  const topErrors = el('ul', { className: 'cond-errors', id: 'builder-errors', hidden: true });
  const list = el('div', { className: 'stage-rules' });
  const fields = el('fieldset', { className: 'builder-fields', disabled: readOnly }, el('legend', { className: 'visually-hidden' }, 'Lifecycle rules'), topErrors, list);
  host.append(pausedNote, fields);

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

  /** Why the visual editor cannot show these rules, or null when it can. */
  const problem = (value) => {
    if (!isObject(value)) return 'The rules must be a JSON object with "version" and "rules".';
    if (!Array.isArray(value.rules)) return 'The "rules" list is missing.';
    let last = -1;
    for (const rule of value.rules) {
      if (!isObject(rule) || Object.keys(rule).some((k) => k !== 'stage' && k !== 'condition')) return 'A rule is not {"stage": …, "condition": …}.';
      const at = ORDER.indexOf(rule.stage);
      if (at < 0) return `"${rule.stage}" is not a stage that takes a rule (${ORDER.join(', ')}).`;
      if (at <= last) return 'The rules are not in order from advocacy down, one per stage.';
      last = at;
    }
    return null;
  };

  const presentStages = () => ORDER.filter((stage) => rules[stage].present);

  const serialize = () => {
    const out = { version: doc.version ?? 1, rules: presentStages().map((stage) => {
      const rule = { stage };
      if (rules[stage].condition !== undefined) rule.condition = B.canonicalCondition(rules[stage].condition);
      return rule;
    }) };
    for (const k of Object.keys(doc)) if (!(k in out)) out[k] = doc[k];
    return out;
  };

  const renumber = () => presentStages().forEach((stage, i) => {
    rules[stage].card.dataset.path = `rules[${i}]`;
    rules[stage].editor.setBasePath(`rules[${i}].condition`);
  });

  const emit = () => {
    if (paused) return;
    view.write(serialize());
  };

  const renderCard = (stage) => {
    const [, label, meaning] = STAGES.find(([s]) => s === stage);
    const rule = rules[stage];
    const toggle = el('button', {
      type: 'button', className: 'button small ghost',
      onclick: () => {
        rule.present = !rule.present;
        if (rule.present && rule.condition === undefined) rule.condition = { event: { name: '' } };
        renderCard(stage);
        renumber();
        emit();
      },
    }, rule.present ? `Remove the ${label.toLowerCase()} rule` : `Add a ${label.toLowerCase()} rule`);
    rule.errors = el('ul', { className: 'cond-errors', hidden: true });
    rule.card.replaceChildren(
      el('div', { className: 'stage-rule-head' },
        el('span', { className: 'stage-pill', dataset: { stage } }, label), el('span', { className: 'muted' }, meaning), readOnly ? null : toggle),
      rule.present ? rule.editor.element : el('p', { className: 'muted' }, `No rule: nobody is placed at ${label.toLowerCase()} by a rule; profiles go on to the stages below.`),
      rule.errors);
    if (rule.present) rule.editor.set(rule.condition);
  };

  for (const [stage, label] of STAGES) {
    const card = el('section', { className: 'stage-rule', dataset: { stage }, 'aria-label': `${label} rule` });
    const editor = B.conditions({
      basePath: 'rules[0].condition', kinds,
      onChange: (condition) => { rules[stage].condition = condition; emit(); },
    });
    rules[stage] = { present: false, condition: undefined, editor, card, errors: null };
    list.append(card);
  }
  list.append(el('section', { className: 'stage-rule', dataset: { stage: 'awareness' }, 'aria-label': 'Awareness' },
    el('div', { className: 'stage-rule-head' },
      el('span', { className: 'stage-pill', dataset: { stage: 'awareness' } }, 'Awareness'),
      el('span', { className: 'muted' }, 'Every other profile with at least one event. Awareness takes no rule.'))));

  const pause = (message) => {
    paused = Boolean(message);
    pausedNote.hidden = !paused;
    pausedNote.textContent = message || '';
    fields.disabled = paused || readOnly;
  };

  const load = (value) => {
    const why = problem(value);
    if (why) {
      pause(`${why} Fix it in the JSON view; the visual editor shows rules once they are in this shape.`);
      return false;
    }
    pause('');
    doc = value;
    for (const [stage] of STAGES) {
      const rule = value.rules.find((r) => r.stage === stage);
      rules[stage].present = Boolean(rule);
      rules[stage].condition = rule?.condition;
      renderCard(stage);
    }
    renumber();
    return true;
  };

  const view = B.jsonView({
    textarea,
    tabs: document.getElementById('editor-tabs'),
    visualTab: document.getElementById('tab-visual'),
    jsonTab: document.getElementById('tab-json'),
    visualPanel: document.getElementById('panel-visual'),
    jsonPanel: document.getElementById('panel-json'),
    status: document.getElementById('rules-json-status'),
    onJson: load,
    onInvalid: () => pause('The JSON view has an error, so the visual editor is paused to keep your text; fix it in the JSON view.'),
  });

  /** Server errors ("rules[1].condition.and[0].computed.op: …") on the stage and condition they name. */
  const showErrors = (texts) => {
    const present = presentStages();
    const top = [];
    const byStage = new Map();
    for (const error of texts.map(B.splitError)) {
      const m = /^rules\[(\d+)\]/.exec(error.path);
      const stage = m ? present[Number(m[1])] : undefined;
      if (stage) (byStage.get(stage) || byStage.set(stage, []).get(stage)).push(error);
      else top.push(error);
    }
    for (const [stage] of STAGES) {
      const rule = rules[stage];
      const mine = byStage.get(stage) || [];
      const rest = rule.present ? rule.editor.showErrors(mine.filter((e) => B.under(e.path, rule.card.dataset.path + '.condition'))) : [];
      const own = [...mine.filter((e) => !B.under(e.path, rule.card.dataset.path + '.condition')), ...rest];
      rule.errors.replaceChildren(...own.map((e) => el('li', {}, el('code', {}, e.path), ' ', e.message)));
      rule.errors.hidden = own.length === 0;
    }
    topErrors.replaceChildren(...top.map((e) => el('li', {}, e.path ? el('code', {}, e.path) : null, e.path ? ' ' : null, e.message)));
    topErrors.hidden = top.length === 0;
  };

  let shown = false;
  try {
    shown = load(B.parseLenient(textarea.value));
  } catch (error) {
    view.showJsonError(error.message);
    pause('The JSON view has an error, so the visual editor is paused to keep your text; fix it in the JSON view.');
  }
  view.show(shown);
  const serverErrors = [...document.querySelectorAll('#rules-errors li')].map((li) => li.textContent);
  if (shown && serverErrors.length > 0) showErrors(serverErrors);

  const workspace = host.dataset.workspace;
  B.schema(workspace).then((schema) => {
    for (const [stage] of STAGES) rules[stage].editor.setSchema(schema);
    if (shown && serverErrors.length > 0) showErrors(serverErrors);
  }).catch(() => { /* the pickers stay empty; every name can still be typed */ });
})();
