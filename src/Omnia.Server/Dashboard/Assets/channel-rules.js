// Channel rules, visually: the ordered rules (first match wins) with their conditions on UTM medium, source and
// campaign, referrer hosts, click ids and event names, to reorder, add and delete; then the search engine, social
// network and internal host lists and the other names for channels in context.channel. Kept in sync with the JSON
// textarea the form posts. Needs builder-kit.js.
(() => {
  'use strict';
  const B = window.OmniaBuilder;
  const host = document.getElementById('channel-builder');
  const textarea = document.getElementById('rules-json');
  if (!host || !textarea || !B) return;
  const { el } = B;
  const readOnly = textarea.readOnly;
  const channels = JSON.parse(document.getElementById('channel-codes')?.textContent || '[]');
  const TOKENS = ['@search_engines', '@social_networks'];
  const FIELDS = [
    ['mediums', 'UTM medium is one of', []],
    ['sources', 'UTM source is one of', TOKENS],
    ['campaignPrefixes', 'UTM campaign starts with', []],
    ['referrerHosts', 'Referrer host matches', TOKENS],
    ['urlParameters', 'Page URL has the click id', ['gclid', 'gbraid', 'wbraid', 'msclkid', 'dclid', 'fbclid', 'ttclid', 'li_fat_id', 'twclid']],
    ['eventNames', 'Event name is (end with * for a prefix)', []],
  ];
  const RULE_KEYS = ['channel', ...FIELDS.map(([key]) => key)];
  const LISTS = [
    ['searchEngines', 'Search engines', 'A referrer among these hosts is organic search; @search_engines in a rule stands for this list.'],
    ['socialNetworks', 'Social networks', 'A referrer among these hosts is social; @social_networks in a rule stands for this list.'],
    ['internalHosts', 'Internal hosts', 'Referrers that do not start a visit (your other domains, payment and sign-in pages) count as direct.'],
  ];
  const DOC_KEYS = ['rules', ...LISTS.map(([key]) => key), 'channelAliases'];
  let doc = {};
  let paused = false;
  const shown = new WeakMap(); // rule → fields added but still empty
  let eventNames = [];

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const strings = (v) => v === undefined || v === null || (Array.isArray(v) && v.every((s) => typeof s === 'string'));

  const problem = (value) => {
    if (!isObject(value)) return 'The channel rules must be a JSON object with "rules", "searchEngines", "socialNetworks", "internalHosts" and "channelAliases".';
    if (!strings(value.rules) && !Array.isArray(value.rules)) return '"rules" must be a list.';
    for (const rule of value.rules || []) {
      if (!isObject(rule) || Object.keys(rule).some((k) => !RULE_KEYS.includes(k))) return 'A rule has a field the visual editor does not know.';
      if (rule.channel !== undefined && rule.channel !== null && typeof rule.channel !== 'string') return 'A rule\'s channel is not text.';
      if (FIELDS.some(([key]) => !strings(rule[key]))) return 'A rule has a condition that is not a list of texts.';
    }
    if (LISTS.some(([key]) => !strings(value[key]))) return 'A host list is not a list of texts.';
    if (value.channelAliases !== undefined && value.channelAliases !== null
      && (!isObject(value.channelAliases) || Object.values(value.channelAliases).some((c) => typeof c !== 'string'))) return '"channelAliases" must map names to channel codes.';
    return null;
  };

  const pausedNote = el('p', { className: 'form-note', id: 'builder-paused', hidden: true });
  const topErrors = el('ul', { className: 'cond-errors', id: 'builder-errors', hidden: true });
  const content = el('div', { className: 'builder-content' });
  const fields = el('fieldset', { className: 'builder-fields', disabled: readOnly }, el('legend', { className: 'visually-hidden' }, 'Channel rules'), topErrors, content);
  host.append(pausedNote, fields);

  const serialize = () => {
    const out = {};
    for (const k of DOC_KEYS) if (k in doc) out[k] = doc[k];
    out.rules = (doc.rules || []).map((rule) => {
      const r = {};
      for (const k of RULE_KEYS) if (k in rule) r[k] = rule[k];
      for (const k of Object.keys(rule)) if (!(k in r)) r[k] = rule[k];
      return r;
    });
    for (const k of Object.keys(doc)) if (!(k in out)) out[k] = doc[k];
    return out;
  };

  const emit = () => {
    if (paused) return;
    view.write(serialize());
  };
  const structural = () => { render(); emit(); };

  const channelOptions = channels.map((c) => [c.code, c.name]);

  const renderRule = (rule, index, rules) => {
    const n = index + 1;
    const extra = shown.get(rule) || new Set();
    const visible = FIELDS.filter(([key]) => (rule[key] || []).length > 0 || extra.has(key));
    const hidden = FIELDS.filter(([key]) => !visible.some(([k]) => k === key));
    let addField = hidden[0]?.[0];
    const move = (delta) => {
      const to = index + delta;
      [rules[index], rules[to]] = [rules[to], rules[index]];
      structural();
    };
    return el('li', { className: 'channel-rule', dataset: { rule: String(index) } },
      el('div', { className: 'channel-rule-head' },
        el('span', { className: 'rule-number', 'aria-hidden': 'true' }, `${n}.`),
        el('span', { className: 'cond-label', 'aria-hidden': 'true' }, 'Channel'),
        B.select({ 'aria-label': `Rule ${n}: channel`, dataset: { focus: `r${index}:channel` }, onchange: (event) => { rule.channel = event.target.value; emit(); } }, channelOptions, rule.channel ?? ''),
        el('span', { className: 'cond-tools' },
          el('button', { type: 'button', className: 'icon-button', 'aria-label': `Move rule ${n} up`, title: 'Move up', disabled: index === 0, dataset: { focus: `r${index}:up` }, onclick: () => move(-1) }, '↑'),
          el('button', { type: 'button', className: 'icon-button', 'aria-label': `Move rule ${n} down`, title: 'Move down', disabled: index === rules.length - 1, dataset: { focus: `r${index}:down` }, onclick: () => move(1) }, '↓'),
          el('button', { type: 'button', className: 'icon-button', 'aria-label': `Delete rule ${n}`, title: 'Delete', onclick: () => { rules.splice(index, 1); structural(); } }, '✕'))),
      el('div', { className: 'rule-conditions' },
        visible.length === 0 ? el('p', { className: 'muted' }, 'No condition yet: add one, or the rule is refused (it would match every event).') : null,
        visible.map(([key, text, suggestions]) => {
          if (!Array.isArray(rule[key])) rule[key] = [];
          const listId = B.datalist(`channel-suggest-${key}`, (key === 'eventNames' ? eventNames : suggestions).map((s) => [s]));
          return el('div', { className: 'rule-condition' },
            el('span', { className: 'cond-label' }, text),
            B.chips({ values: rule[key], label: `Rule ${n}: ${text}`, list: listId, onChange: emit, focus: `r${index}:${key}` }),
            el('button', {
              type: 'button', className: 'icon-button', 'aria-label': `Remove the condition "${text}" of rule ${n}`, title: 'Remove this condition',
              onclick: () => { rule[key] = []; extra.delete(key); structural(); },
            }, '✕'));
        }),
        hidden.length ? el('div', { className: 'group-actions' },
          B.select({ 'aria-label': `Condition to add to rule ${n}`, dataset: { focus: `r${index}:addkind` }, onchange: (event) => { addField = event.target.value; } },
            hidden.map(([key, text]) => [key, text]), addField),
          el('button', {
            type: 'button', className: 'button small', dataset: { focus: `r${index}:add` },
            onclick: () => { extra.add(addField); shown.set(rule, extra); render(); host.querySelector(`[data-focus="r${index}:${addField}:add"]`)?.focus(); },
          }, '+ Add condition')) : null),
      el('ul', { className: 'cond-errors', hidden: true }));
  };

  const newRule = () => ({ channel: '', mediums: [], sources: [], campaignPrefixes: [], eventNames: [], referrerHosts: [], urlParameters: [] });

  const render = () => B.keepFocus(host, () => {
    const rules = (doc.rules = doc.rules || []);
    const aliases = isObject(doc.channelAliases) ? doc.channelAliases : (doc.channelAliases = {});
    const aliasRows = Object.entries(aliases).map(([alias, channel], i) => el('tr', {},
      el('td', {}, el('input', {
        type: 'text', value: alias, className: 'mono', 'aria-label': `Name ${i + 1} in context.channel`, dataset: { focus: `alias${i}:name` },
        onchange: (event) => {
          const entries = Object.entries(aliases).map(([a, c]) => (a === alias ? [event.target.value, c] : [a, c]));
          doc.channelAliases = Object.fromEntries(entries);
          structural();
        },
      })),
      el('td', {}, B.select({ 'aria-label': `Channel for ${alias || `name ${i + 1}`}`, dataset: { focus: `alias${i}:channel` }, onchange: (event) => { aliases[alias] = event.target.value; emit(); } }, channelOptions, channel)),
      el('td', {}, el('button', { type: 'button', className: 'icon-button', 'aria-label': `Remove the name ${alias}`, onclick: () => { delete aliases[alias]; structural(); } }, '✕'))));
    content.replaceChildren(
      el('h3', { className: 'builder-section-title' }, 'Rules, in order: the first that matches decides the channel'),
      el('div', { className: 'group-actions' },
        el('button', { type: 'button', className: 'button small', onclick: () => { rules.unshift(newRule()); structural(); } }, '+ Add a rule at the top')),
      el('ol', { className: 'channel-rules', id: 'channel-rule-list' }, rules.map((rule, i) => renderRule(rule, i, rules))),
      el('div', { className: 'group-actions' },
        el('button', { type: 'button', className: 'button small ghost', onclick: () => { rules.push(newRule()); structural(); } }, '+ Add a rule at the end')),
      el('div', { className: 'host-lists' }, LISTS.map(([key, title, hint]) => {
        if (!Array.isArray(doc[key])) doc[key] = [];
        return el('section', { className: 'host-list', dataset: { list: key }, 'aria-label': title },
          el('h3', { className: 'builder-section-title' }, title),
          el('p', { className: 'hint' }, hint),
          B.chips({ values: doc[key], label: title, onChange: emit, focus: `list:${key}` }),
          el('ul', { className: 'cond-errors', hidden: true }));
      })),
      el('section', { className: 'host-list', dataset: { list: 'channelAliases' }, 'aria-label': 'Other names for channels' },
        el('h3', { className: 'builder-section-title' }, 'Other names for channels in context.channel'),
        el('p', { className: 'hint' }, 'An event whose context.channel is one of these names gets that channel ("pos" → store).'),
        aliasRows.length ? el('table', { className: 'table compact alias-table' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'Channel'), el('th', { scope: 'col' }, el('span', { className: 'visually-hidden' }, 'Remove')))),
          el('tbody', {}, aliasRows)) : null,
        el('button', {
          type: 'button', className: 'button small ghost',
          onclick: () => { let name = 'new_name'; for (let i = 2; name in aliases; i++) name = `new_name_${i}`; aliases[name] = 'other'; structural(); },
        }, '+ Add a name'),
        el('ul', { className: 'cond-errors', hidden: true })));
  });

  const pause = (message) => {
    paused = Boolean(message);
    pausedNote.hidden = !paused;
    pausedNote.textContent = message || '';
    fields.disabled = paused || readOnly;
  };

  const load = (value) => {
    const why = problem(value);
    if (why) {
      pause(`${why} Fix it in the JSON view; the visual editor shows the rules once they are in this shape.`);
      return false;
    }
    pause('');
    doc = value;
    render();
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

  /** The validator's sentences ("Rule 3 (email): mediums contains an empty value.") on the rule or list they name. */
  const showErrors = (texts) => {
    for (const box of content.querySelectorAll('.cond-errors')) { box.replaceChildren(); box.hidden = true; }
    const top = [];
    for (const text of texts) {
      const rule = /^Rule (\d+)\b/.exec(text);
      const list = /^(searchEngines|socialNetworks|internalHosts|channelAliases)\b/.exec(text);
      const target = rule ? content.querySelector(`.channel-rule[data-rule="${Number(rule[1]) - 1}"]`) : list ? content.querySelector(`.host-list[data-list="${list[1]}"]`) : null;
      const box = target && [...target.children].find((c) => c.classList.contains('cond-errors'));
      if (box) {
        box.hidden = false;
        box.append(el('li', {}, text));
      } else top.push(text);
    }
    topErrors.replaceChildren(...top.map((t) => el('li', {}, t)));
    topErrors.hidden = top.length === 0;
  };

  let shownVisual = false;
  try {
    shownVisual = load(B.parseLenient(textarea.value));
  } catch (error) {
    view.showJsonError(error.message);
    pause('The JSON view has an error, so the visual editor is paused to keep your text; fix it in the JSON view.');
  }
  view.show(shownVisual);
  if (shownVisual) showErrors([...document.querySelectorAll('#rules-errors li')].map((li) => li.textContent));

  B.schema(host.dataset.workspace).then((schema) => {
    eventNames = (schema.events || []).filter((e) => e.types.includes('track')).map((e) => e.name);
    B.datalist('channel-suggest-eventNames', eventNames.map((s) => [s]));
  }).catch(() => { /* event names can still be typed */ });
})();
