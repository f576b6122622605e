// The visual condition editor of docs/segments.md, shared by the segment builder and the lifecycle rules: groups
// (all / any, nested), NOT, and every condition kind, edited in place on the definition's own JSON objects, so
// whatever is not touched is written back unchanged. A condition it cannot show (malformed, or a kind it does not
// know) gets a small JSON box instead, and the rest stays visual. Needs builder-kit.js.
(() => {
  'use strict';
  const B = window.OmniaBuilder;
  const { el } = B;

  const KINDS = {
    trait: 'Profile trait',
    event: 'Did an event',
    sequence: 'Did A, then (not) B',
    computed: 'Computed trait',
    consent: 'Consent',
    segment: 'In another segment',
    persona: 'Persona',
    lifecycleStage: 'Lifecycle stage',
    bucket: 'Random bucket (holdout)',
  };
  const GROUPS = ['and', 'or'];

  const OPS = {
    equals: 'is', notEquals: 'is not', contains: 'contains', startsWith: 'starts with', in: 'is one of',
    exists: 'is set', notExists: 'is not set', gt: 'is more than', gte: 'is at least', lt: 'is less than', lte: 'is at most',
    withinLast: 'is within the last', inNext: 'is within the next', before: 'is before', after: 'is after',
  };
  const ALL_OPS = Object.keys(OPS);
  const PROPERTY_OPS = ALL_OPS.filter((o) => o !== 'withinLast' && o !== 'inNext');
  const AGGREGATE_OPS = ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte'];
  const COUNT_OPS = [['atLeast', 'at least'], ['atMost', 'at most'], ['exactly', 'exactly']];
  const FUNCTIONS = [['sum', 'total'], ['avg', 'average'], ['min', 'smallest'], ['max', 'largest'], ['count', 'number']];
  const EVENT_TYPES = [['', 'any call'], ['track', 'track'], ['page', 'page view'], ['screen', 'screen view']];
  const UNITS = [['d', 'days'], ['h', 'hours'], ['m', 'minutes']];
  const RFM = ['champions', 'loyal', 'potentialLoyalists', 'newCustomers', 'promising', 'needAttention', 'aboutToSleep', 'atRisk', 'cantLoseThem', 'hibernating', 'lost'];
  const BUILT_INS = ['orderCount', 'revenue', 'eventCount', 'firstSeen', 'lastSeen', 'lastOrderAt', 'acquisitionChannel', 'preferredChannel',
    'daysSinceLastPurchase', 'daysSinceLastSeen', 'averageOrderValue', 'rfmRecency', 'rfmFrequency', 'rfmMonetary', 'rfmSegment'];
  const STAGES = ['awareness', 'consideration', 'conversion', 'loyalty', 'advocacy'];
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
  const DURATION = /^(\d+)([dhm])$/;

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isScalar = (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  const onlyKeys = (o, keys) => isObject(o) && Object.keys(o).every((k) => keys.includes(k));
  const optional = (v, test) => v === undefined || test(v);
  const isString = (v) => typeof v === 'string';
  const human = (name) => name.replace(/^rfm/, 'RFM ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])(?=[a-z])/g, (m, c) => ` ${c.toLowerCase()}`);

  /** The one kind key of a condition object, or null when it is not one well-formed condition. */
  const kindOf = (node) => {
    if (!isObject(node)) return null;
    const keys = Object.keys(node);
    return keys.length === 1 && (keys[0] in KINDS || GROUPS.includes(keys[0]) || keys[0] === 'not') ? keys[0] : null;
  };

  const filterOk = (f) => onlyKeys(f, ['name', 'type', 'where']) && optional(f.name, isString) && optional(f.type, isString)
    && optional(f.where, (w) => Array.isArray(w) && w.every((x) => onlyKeys(x, ['property', 'op', 'value']) && optional(x.property, isString) && optional(x.op, isString) && valueOk(x.value)));
  const valueOk = (v) => v === undefined || v === null || isScalar(v) || (Array.isArray(v) && v.every(isScalar));
  const windowOk = (w) => onlyKeys(w, ['last', 'from', 'to']) && optional(w.last, isString) && optional(w.from, isString) && optional(w.to, isString);
  const choiceOk = (v) => isString(v) || (onlyKeys(v, ['in']) && Array.isArray(v.in) && v.in.every(isString));

  /** Whether the visual editor can show this kind's value without losing anything. */
  const SHAPES = {
    trait: (v) => onlyKeys(v, ['name', 'op', 'value']) && optional(v.name, isString) && optional(v.op, isString) && valueOk(v.value),
    computed: (v) => SHAPES.trait(v),
    event: (v) => onlyKeys(v, ['name', 'type', 'where', 'count', 'aggregate', 'window']) && filterOk({ name: v.name, type: v.type, where: v.where })
      && !(v.count !== undefined && v.aggregate !== undefined)
      && optional(v.count, (c) => onlyKeys(c, ['op', 'value']) && optional(c.op, isString) && optional(c.value, (n) => typeof n === 'number'))
      && optional(v.aggregate, (a) => onlyKeys(a, ['fn', 'property', 'op', 'value']) && optional(a.fn, isString) && optional(a.property, isString) && optional(a.op, isString) && optional(a.value, (n) => typeof n === 'number' || n === null))
      && optional(v.window, windowOk),
    sequence: (v) => onlyKeys(v, ['first', 'then', 'within', 'did', 'key', 'window']) && optional(v.first, filterOk) && optional(v.then, filterOk)
      && optional(v.within, isString) && optional(v.did, (d) => typeof d === 'boolean') && optional(v.key, isString) && optional(v.window, windowOk),
    consent: (v) => onlyKeys(v, ['channel', 'subscribed']) && optional(v.channel, isString) && optional(v.subscribed, (s) => typeof s === 'boolean'),
    segment: isString,
    persona: choiceOk,
    lifecycleStage: choiceOk,
    bucket: (v) => onlyKeys(v, ['from', 'to']) && optional(v.from, (n) => typeof n === 'number' || n === null) && optional(v.to, (n) => typeof n === 'number' || n === null),
  };

  /** New conditions start as something valid where possible, so the estimate shows at once. */
  const fresh = (kind, schema) => {
    switch (kind) {
      case 'trait': return { trait: { name: '', op: 'exists' } };
      case 'event': return { event: { name: '' } };
      case 'sequence': return { sequence: { first: { name: '' }, then: { name: '' }, within: '1h', did: false } };
      case 'computed': return { computed: { name: 'orderCount', op: 'gte', value: 1 } };
      case 'consent': return { consent: { channel: 'email', subscribed: true } };
      case 'segment': return { segment: schema?.segments?.[0]?.slug ?? '' };
      case 'persona': return { persona: schema?.personas?.[0]?.key ?? '' };
      case 'lifecycleStage': return { lifecycleStage: 'conversion' };
      case 'bucket': return { bucket: { from: 0, to: 999 } };
      default: return { [kind]: [] };
    }
  };

  /** Which operators suit a field of these observed types (current op always kept). */
  const opsFor = (info, base) => {
    if (!info || !info.types || info.types.length === 0) return base;
    const wanted = new Set(['exists', 'notExists']);
    const add = (...ops) => ops.forEach((o) => wanted.add(o));
    for (const type of info.types) {
      if (type === 'string') {
        add('equals', 'notEquals', 'contains', 'startsWith', 'in');
        if (info.isoDates) add('gt', 'gte', 'lt', 'lte', 'before', 'after', 'withinLast', 'inNext');
      } else if (type === 'number') add('equals', 'notEquals', 'in', 'gt', 'gte', 'lt', 'lte');
      else if (type === 'boolean') add('equals', 'notEquals');
      else if (type === 'array') add('contains');
    }
    return base.filter((o) => wanted.has(o));
  };

  /** What kind of value an operator takes. */
  const valueKind = (op) => ({
    exists: 'none', notExists: 'none', equals: 'scalar', notEquals: 'scalar', contains: 'text', startsWith: 'text', in: 'list',
    gt: 'numberOrDate', gte: 'numberOrDate', lt: 'numberOrDate', lte: 'numberOrDate', before: 'date', after: 'date',
    withinLast: 'duration', inNext: 'duration',
  }[op] || 'scalar');

  const preferred = (info) => {
    const t = info?.types?.[0];
    if (t === 'number') return 'number';
    if (t === 'boolean') return 'boolean';
    return info?.isoDates ? 'date' : 'string';
  };

  /** A value that fits a newly chosen operator, kept from the old one where it can be. */
  const fit = (op, old, info) => {
    switch (valueKind(op)) {
      case 'none': return undefined;
      case 'scalar':
        if (isScalar(old)) return old;
        if (Array.isArray(old) && old.length > 0) return old[0];
        return preferred(info) === 'number' ? 0 : preferred(info) === 'boolean' ? true : '';
      case 'text': return isString(old) ? old : isScalar(old) ? String(old) : '';
      case 'list': return Array.isArray(old) ? old : isScalar(old) && old !== '' ? [old] : [];
      case 'numberOrDate': return typeof old === 'number' || (isString(old) && ISO_DATE.test(old)) ? old : preferred(info) === 'date' ? '' : 0;
      case 'date': return isString(old) && ISO_DATE.test(old) ? old : '';
      default: return isString(old) && DURATION.test(old) ? old : '30d';
    }
  };

  const typeOfValue = (v, info) => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : v === '' || v === null || v === undefined ? preferred(info) === 'date' ? 'string' : preferred(info) : 'string');

  /**
   * Creates an editor. options: { basePath ('condition'), kinds (allowed kind names), onChange(condition),
   * exclude (a segment slug not to offer) }.
   */
  B.conditions = (options) => {
    const allowed = options.kinds || [...Object.keys(KINDS)];
    const container = el('div', { className: 'cond-tree' });
    let basePath = options.basePath || 'condition';
    let root;
    let schema = null;
    let disabled = false;

    const changed = () => options.onChange(root);
    const rerender = () => B.keepFocus(container, () => container.replaceChildren(renderRoot()));
    const structural = () => { rerender(); changed(); };
    const representable = (node) => {
      const kind = kindOf(node);
      return kind !== null && (GROUPS.includes(kind) || kind === 'not' || (kind in KINDS && allowed.includes(kind) && SHAPES[kind](node[kind])));
    };
    /** Replaces a node; soft (from a raw JSON box) re-renders only once the node can be shown, so typing is not disturbed. */
    const commit = (assign, next, soft) => {
      assign(next);
      if (!soft || representable(next)) rerender();
      changed();
    };

    // ---------- schema look-ups ----------
    const eventInfo = (name) => schema?.events?.find((e) => e.name === name);
    const traitInfo = (name) => schema?.traits?.find((t) => t.name === name);
    const propertyInfo = (eventName, property) => eventInfo(eventName)?.properties?.find((p) => p.name === property);
    const computedInfo = (name) => schema?.computedTraits?.find((t) => t.name === name);
    const safeId = (text) => String(text).replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
    const eventsList = () => B.datalist('schema-events', (schema?.events || []).map((e) => [e.name, `${e.types.join(', ') || 'event'} · ${e.count > 0 ? B.count(e.count, 'time', 'times') + ' lately' : 'used by definitions'}`]));
    const traitsList = () => B.datalist('schema-traits', (schema?.traits || []).map((t) => [t.name, `${t.types.join(' or ') || 'trait'}${t.examples.length ? ` · e.g. ${t.examples.slice(0, 3).map(String).join(', ')}` : ''}`]));
    // Datalists have ids stable per control, and are refilled in place when a name changes: re-rendering on every
    // name change would replace the control a person is about to click.
    const propertiesList = (id, eventName, numbersOnly) => B.datalist(id,
      (eventInfo(eventName)?.properties || []).filter((p) => !numbersOnly || p.types.includes('number'))
        .map((p) => [p.name, `${p.types.join(' or ')}${p.examples.length ? ` · e.g. ${p.examples.slice(0, 3).map(String).join(', ')}` : ''}`]));
    const examplesList = (key, info, extra) => {
      const values = [...(info?.examples || []).filter(isString), ...(extra || [])];
      return B.datalist(`schema-values-${safeId(key)}`, values.map((v) => [v]));
    };
    /** Replaces an operator select's options in place (the current operator stays, even when it does not suit). */
    const refillOps = (select, ops, current) => {
      const list = ops.includes(current) || current === undefined ? ops : [current, ...ops];
      select.replaceChildren(...list.map((o) => el('option', { value: o, selected: o === current }, OPS[o] || o)));
    };

    // ---------- small editors ----------
    const label = (text, control) => el('label', { className: 'cond-field' }, el('span', { className: 'cond-label' }, text), control);

    const textInput = (holder, key, attrs) => el('input', {
      type: 'text', value: holder[key] ?? '', autocomplete: 'off', spellcheck: 'false', disabled,
      oninput: (event) => { holder[key] = event.target.value; changed(); },
      ...attrs,
    });

    const numberInput = (holder, key, attrs) => el('input', {
      type: 'number', step: 'any', value: typeof holder[key] === 'number' ? String(holder[key]) : '', disabled,
      oninput: (event) => { holder[key] = event.target.value === '' ? null : Number(event.target.value); changed(); },
      ...attrs,
    });

    const durationInput = (holder, key, focus, field, what) => {
      const match = DURATION.exec(holder[key] ?? '');
      if (!match && holder[key] !== undefined && holder[key] !== '') {
        return textInput(holder, key, { className: 'mono narrow', 'aria-label': `${what} (a duration such as 7d, 12h or 30m)`, dataset: { focus, field } });
      }
      let [amount, unit] = match ? [match[1], match[2]] : ['', 'd'];
      const write = () => { holder[key] = amount === '' ? '' : `${amount}${unit}`; changed(); };
      return el('span', { className: 'duration' },
        el('input', {
          type: 'number', min: '1', step: '1', value: amount, className: 'narrow', 'aria-label': `${what}: how many`, disabled, dataset: { focus: `${focus}:n`, field },
          oninput: (event) => { amount = event.target.value; write(); },
        }),
        B.select({ 'aria-label': `${what}: unit`, disabled, dataset: { focus: `${focus}:u`, field }, onchange: (event) => { unit = event.target.value; write(); } }, UNITS, unit));
    };

    const dateInput = (holder, key, focus, field, what) => textInput(holder, key, {
      className: 'mono date', placeholder: '2025-01-31', 'aria-label': `${what} (ISO date, e.g. 2025-01-31 or 2025-01-31T09:00:00Z)`, dataset: { focus, field },
    });

    /** The value editor for an operator: none, a typed scalar, text, a list, a number or date, a date, or a duration. */
    const valueEditor = (holder, op, info, focus, field, what, suggestions) => {
      const kind = valueKind(op);
      const listId = examplesList(focus, info, suggestions);
      if (kind === 'none') return null;
      if (kind === 'text') return textInput(holder, 'value', { 'aria-label': what, list: listId, dataset: { focus, field } });
      if (kind === 'date') return dateInput(holder, 'value', focus, field, what);
      if (kind === 'duration') return durationInput(holder, 'value', focus, field, what);
      if (kind === 'list') {
        const values = Array.isArray(holder.value) ? holder.value : (holder.value = []);
        let itemType = values.length ? typeOfValue(values[0], info) : preferred(info) === 'date' ? 'string' : preferred(info);
        const parse = (text) => {
          if (itemType === 'number') return Number.isFinite(Number(text)) ? Number(text) : undefined;
          if (itemType === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
          return text;
        };
        return el('span', { className: 'value-list' },
          B.select({ 'aria-label': `${what}: type of the values`, disabled, className: 'type-select', dataset: { focus: `${focus}:t` }, onchange: (event) => { itemType = event.target.value; } },
            [['string', 'text'], ['number', 'numbers'], ['boolean', 'yes / no']], itemType),
          B.chips({ values, label: what, list: listId, onChange: changed, focus, parse, field, disabled, placeholder: 'Add a value, then Enter' }));
      }
      // A typed scalar (equals / notEquals), or a number-or-date (gt … lte).
      const types = kind === 'numberOrDate' ? [['number', 'number'], ['date', 'date']] : [['string', 'text'], ['number', 'number'], ['boolean', 'yes / no']];
      let type = kind === 'numberOrDate' ? (typeof holder.value === 'number' ? 'number' : isString(holder.value) ? 'date' : preferred(info) === 'date' ? 'date' : 'number') : typeOfValue(holder.value, info);
      const convert = (next) => {
        const v = holder.value;
        if (next === 'number') holder.value = typeof v === 'number' ? v : Number.isFinite(Number(v)) && v !== '' && v !== null ? Number(v) : null;
        else if (next === 'boolean') holder.value = typeof v === 'boolean' ? v : v === 'false' ? false : true;
        else holder.value = isString(v) ? v : v === null || v === undefined ? '' : kind === 'numberOrDate' ? '' : String(v);
        type = next;
        structural();
      };
      let input;
      if (type === 'number') input = numberInput(holder, 'value', { 'aria-label': what, className: 'narrow', dataset: { focus, field } });
      else if (type === 'boolean') {
        input = B.select({ 'aria-label': what, disabled, dataset: { focus, field }, onchange: (event) => { holder.value = event.target.value === 'true'; changed(); } },
          [['true', 'yes (true)'], ['false', 'no (false)']], String(holder.value));
      } else if (type === 'date') input = dateInput(holder, 'value', focus, field, what);
      else input = textInput(holder, 'value', { 'aria-label': what, list: listId, dataset: { focus, field } });
      return el('span', { className: 'typed-value' },
        B.select({ 'aria-label': `${what}: type`, className: 'type-select', disabled, dataset: { focus: `${focus}:t` }, onchange: (event) => convert(event.target.value) }, types, type),
        input);
    };

    /** An operator select; changing it refits the value and re-renders. */
    const opSelect = (holder, ops, info, focus, field, what) => {
      const current = holder.op;
      const list = ops.includes(current) || current === undefined ? ops : [current, ...ops];
      return B.select({
        'aria-label': what, disabled, dataset: { focus, field },
        onchange: (event) => {
          holder.op = event.target.value;
          const value = fit(holder.op, holder.value, info);
          if (value === undefined) delete holder.value; else holder.value = value;
          structural();
        },
      }, list.map((o) => [o, OPS[o] || o]), current ?? '');
    };

    /** "ever / in the last N / between dates" for an event, a sequence's first event. */
    const windowEditor = (holder, focus, fieldBase, what) => {
      const w = holder.window;
      const mode = w === undefined ? 'ever' : w.last !== undefined ? 'last' : 'between';
      const parts = [B.select({
        'aria-label': what, disabled, dataset: { focus: `${focus}:mode`, field: `${fieldBase}.window` },
        onchange: (event) => {
          if (event.target.value === 'ever') delete holder.window;
          else if (event.target.value === 'last') holder.window = { last: '30d' };
          else holder.window = { from: '', to: '' };
          structural();
        },
      }, [['ever', 'ever'], ['last', 'in the last'], ['between', 'between dates']], mode)];
      if (mode === 'last') parts.push(durationInput(w, 'last', `${focus}:last`, `${fieldBase}.window.last`, `${what}: the last`));
      if (mode === 'between') {
        const edge = (key, text) => el('input', {
          type: 'text', value: w[key] ?? '', className: 'mono date', placeholder: key === 'from' ? '2025-01-01' : 'open', disabled,
          'aria-label': `${what}: ${text} (ISO date; empty for open)`, dataset: { focus: `${focus}:${key}`, field: `${fieldBase}.window.${key}` },
          oninput: (event) => { if (event.target.value === '') delete w[key]; else w[key] = event.target.value; changed(); },
        });
        parts.push(edge('from', 'from, inclusive'), el('span', { className: 'muted' }, 'to'), edge('to', 'to, exclusive'));
      }
      return el('span', { className: 'window' }, ...parts);
    };

    /** Event name, call type and property filters (an event condition, or a sequence's first or then). */
    const filterEditor = (filter, focus, fieldBase, what, onName) => {
      const propertiesId = propertiesList(`schema-props-${safeId(focus)}`, filter.name);
      const where = filter.where || [];
      const refreshers = [];
      const rows = where.map((w, i) => {
        const info = propertyInfo(filter.name, w.property);
        const f = `${fieldBase}.where[${i}]`;
        const ops = opSelect(w, opsFor(info, PROPERTY_OPS), info, `${focus}:w${i}:op`, `${f}.op`, `${what}: comparison of filter ${i + 1}`);
        const refresh = () => {
          const next = propertyInfo(filter.name, w.property);
          refillOps(ops, opsFor(next, PROPERTY_OPS), w.op);
          examplesList(`${focus}:w${i}:v`, next);
        };
        refreshers.push(refresh);
        return el('li', { className: 'filter-row' },
          el('span', { className: 'muted' }, 'where'),
          textInput(w, 'property', {
            'aria-label': `${what}: property of filter ${i + 1}`, list: propertiesId, placeholder: 'property', className: 'mono',
            dataset: { focus: `${focus}:w${i}:p`, field: `${f}.property` }, onchange: refresh,
          }),
          ops,
          valueEditor(w, w.op, info, `${focus}:w${i}:v`, `${f}.value`, `${what}: value of filter ${i + 1}`),
          el('button', {
            type: 'button', className: 'icon-button', 'aria-label': `Remove filter ${i + 1} of ${what}`, disabled,
            onclick: () => { where.splice(i, 1); if (where.length === 0) delete filter.where; structural(); },
          }, '✕'));
      });
      return el('div', { className: 'event-filter' },
        el('div', { className: 'cond-line' },
          label(what, textInput(filter, 'name', {
            list: 'schema-events', placeholder: 'event name, e.g. Order Completed', className: 'event-name', dataset: { focus: `${focus}:name`, field: `${fieldBase}.name` },
            onchange: () => { propertiesList(propertiesId, filter.name); refreshers.forEach((r) => r()); if (onName) onName(); },
          })),
          label('as', B.select({
            'aria-label': `${what}: call type`, disabled, dataset: { focus: `${focus}:type`, field: `${fieldBase}.type` },
            onchange: (event) => { if (event.target.value) filter.type = event.target.value; else delete filter.type; changed(); },
          }, EVENT_TYPES, filter.type ?? '')),
          el('button', {
            type: 'button', className: 'button small ghost', disabled, 'aria-label': `Add a property filter to ${what}`,
            onclick: () => {
              const property = eventInfo(filter.name)?.properties?.[0];
              (filter.where = filter.where || []).push({ property: property?.name ?? '', op: 'exists' });
              structural();
            },
          }, '+ Property filter')),
        rows.length ? el('ul', { className: 'filter-rows' }, rows) : null);
    };

    // ---------- one editor per kind ----------
    const editors = {
      trait(v, path, focus) {
        const info = traitInfo(v.name);
        const ops = opSelect(v, opsFor(info, ALL_OPS), info, `${focus}:op`, '.trait.op', 'Trait comparison');
        const refresh = () => {
          const next = traitInfo(v.name);
          refillOps(ops, opsFor(next, ALL_OPS), v.op);
          examplesList(`${focus}:value`, next);
        };
        return el('div', { className: 'cond-line' },
          label('Trait', textInput(v, 'name', {
            list: 'schema-traits', placeholder: 'e.g. plan', className: 'mono', dataset: { focus: `${focus}:name`, field: '.trait.name' }, onchange: refresh,
          })),
          ops,
          valueEditor(v, v.op, info, `${focus}:value`, '.trait.value', 'Trait value'));
      },

      event(v, path, focus) {
        const numbersId = propertiesList(`schema-numbers-${safeId(focus)}`, v.name, true);
        const measure = v.aggregate !== undefined ? 'aggregate' : v.count !== undefined ? 'count' : 'once';
        const parts = [B.select({
          'aria-label': 'How often', disabled, dataset: { focus: `${focus}:measure`, field: '.event.count' },
          onchange: (event) => {
            delete v.count; delete v.aggregate;
            if (event.target.value === 'count') v.count = { op: 'atLeast', value: 2 };
            if (event.target.value === 'aggregate') {
              const number = eventInfo(v.name)?.properties?.find((p) => p.types.includes('number'));
              v.aggregate = { fn: 'sum', property: number?.name ?? '', op: 'gte', value: 100 };
            }
            rebuildKeys(v, ['name', 'type', 'where', 'count', 'aggregate', 'window']);
            structural();
          },
        }, [['once', 'at least once'], ['count', 'a number of times'], ['aggregate', 'with a sum, average, min or max']], measure)];
        if (measure === 'count') {
          parts.push(B.select({ 'aria-label': 'Count comparison', disabled, dataset: { focus: `${focus}:cop`, field: '.event.count.op' }, onchange: (event) => { v.count.op = event.target.value; changed(); } }, COUNT_OPS, v.count.op),
            numberInput(v.count, 'value', { 'aria-label': 'Number of times', min: '0', step: '1', className: 'narrow', dataset: { focus: `${focus}:cv`, field: '.event.count.value' } }),
            el('span', { className: 'muted' }, 'times'));
        }
        if (measure === 'aggregate') {
          const a = v.aggregate;
          parts.push(
            B.select({
              'aria-label': 'Aggregate function', disabled, dataset: { focus: `${focus}:fn`, field: '.event.aggregate.fn' },
              onchange: (event) => {
                a.fn = event.target.value;
                if (a.fn === 'count') delete a.property; else if (a.property === undefined) a.property = '';
                rebuildKeys(a, ['fn', 'property', 'op', 'value']);
                structural();
              },
            }, FUNCTIONS, a.fn),
            a.fn === 'count' ? el('span', { className: 'muted' }, 'of events') : label('of', textInput(a, 'property', {
              list: numbersId, placeholder: 'e.g. revenue', className: 'mono', 'aria-label': 'Aggregated property',
              dataset: { focus: `${focus}:ap`, field: '.event.aggregate.property' },
            })),
            B.select({ 'aria-label': 'Aggregate comparison', disabled, dataset: { focus: `${focus}:aop`, field: '.event.aggregate.op' }, onchange: (event) => { a.op = event.target.value; changed(); } },
              AGGREGATE_OPS.map((o) => [o, OPS[o]]), a.op),
            numberInput(a, 'value', { 'aria-label': 'Aggregate value', className: 'narrow', dataset: { focus: `${focus}:av`, field: '.event.aggregate.value' } }));
        }
        return el('div', { className: 'cond-stack' },
          filterEditor(v, `${focus}:e`, '.event', 'Event', () => propertiesList(numbersId, v.name, true)),
          el('div', { className: 'cond-line' }, ...parts, el('span', { className: 'cond-label when' }, 'when'), windowEditor(v, `${focus}:win`, '.event', 'Event window')));
      },

      sequence(v, path, focus) {
        v.first = v.first || { name: '' };
        v.then = v.then || { name: '' };
        const keysId = propertiesList(`schema-keys-${safeId(focus)}`, v.first.name);
        return el('div', { className: 'cond-stack' },
          filterEditor(v.first, `${focus}:first`, '.sequence.first', 'First event', () => propertiesList(keysId, v.first.name)),
          el('div', { className: 'cond-line' },
            B.select({ 'aria-label': 'Then', disabled, dataset: { focus: `${focus}:did`, field: '.sequence.did' }, onchange: (event) => { v.did = event.target.value === 'true'; changed(); } },
              [['false', 'and then did not do'], ['true', 'and then did']], String(v.did ?? false)),
            el('span', { className: 'muted' }, 'the next event within'),
            durationInput(v, 'within', `${focus}:within`, '.sequence.within', 'Within')),
          filterEditor(v.then, `${focus}:then`, '.sequence.then', 'Then event'),
          el('div', { className: 'cond-line' },
            label('Same', textInput(v, 'key', {
              list: keysId, placeholder: 'optional, e.g. cart_id', className: 'mono', 'aria-label': 'Key property both events share (optional)',
              dataset: { focus: `${focus}:key`, field: '.sequence.key' },
              oninput: (event) => { if (event.target.value === '') delete v.key; else v.key = event.target.value; rebuildKeys(v, ['first', 'then', 'within', 'did', 'key', 'window']); changed(); },
            })),
            el('span', { className: 'cond-label' }, 'First event'), windowEditor(v, `${focus}:win`, '.sequence', 'First event window')));
      },

      computed(v, path, focus) {
        const known = schema?.computedTraits || BUILT_INS.map((name) => ({ name, builtIn: true, operators: ALL_OPS, kind: 'any' }));
        const info = computedInfo(v.name);
        const groups = [
          { group: 'Built in', options: known.filter((t) => t.builtIn).map((t) => [t.name, human(t.name)]) },
          { group: 'This workspace', options: known.filter((t) => !t.builtIn).map((t) => [t.name, t.name]) },
        ].filter((g) => g.options.length);
        const kind = info?.kind;
        const fieldInfo = { types: kind === 'number' ? ['number'] : kind === 'text' ? ['string'] : kind === 'date' ? ['string'] : [], isoDates: kind === 'date', examples: [] };
        const suggestions = v.name === 'rfmSegment' ? RFM : /Channel$/.test(v.name || '') ? (schema?.channels || []).map((c) => c.code) : null;
        return el('div', { className: 'cond-line' },
          label('Trait', B.select({
            disabled, dataset: { focus: `${focus}:name`, field: '.computed.name' },
            onchange: (event) => {
              v.name = event.target.value;
              const ops = computedInfo(v.name)?.operators || ALL_OPS;
              if (!ops.includes(v.op)) v.op = ops.includes('gte') ? 'gte' : ops[0];
              const value = fit(v.op, v.value, { types: computedInfo(v.name)?.kind === 'number' ? ['number'] : [] });
              if (value === undefined) delete v.value; else v.value = value;
              structural();
            },
          }, groups, v.name ?? '')),
          opSelect(v, info?.operators || ALL_OPS, fieldInfo, `${focus}:op`, '.computed.op', 'Computed trait comparison'),
          kind === 'number' && valueKind(v.op) === 'numberOrDate'
            ? numberInput(v, 'value', { 'aria-label': 'Computed trait value', className: 'narrow', dataset: { focus: `${focus}:value`, field: '.computed.value' } })
            : kind === 'date' && valueKind(v.op) === 'numberOrDate'
              ? dateInput(v, 'value', `${focus}:value`, '.computed.value', 'Computed trait value')
              : valueEditor(v, v.op, fieldInfo, `${focus}:value`, '.computed.value', 'Computed trait value', suggestions));
      },

      consent(v, path, focus) {
        const channels = (schema?.channels || [{ code: 'email', name: 'Email' }, { code: 'sms', name: 'SMS' }, { code: 'push', name: 'Push' }]).map((c) => [c.code, c.name]);
        return el('div', { className: 'cond-line' },
          label('Channel', B.select({ disabled, dataset: { focus: `${focus}:channel`, field: '.consent.channel' }, onchange: (event) => { v.channel = event.target.value; changed(); } }, channels, v.channel ?? '')),
          B.select({ 'aria-label': 'Consent', disabled, dataset: { focus: `${focus}:sub`, field: '.consent.subscribed' }, onchange: (event) => { v.subscribed = event.target.value === 'true'; changed(); } },
            [['true', 'has opted in'], ['false', 'has opted out']], String(v.subscribed ?? true)));
      },

      segment(v, path, focus, ref) {
        const segments = (schema?.segments || []).filter((s) => s.slug !== options.exclude).map((s) => [s.slug, `${s.name} (${s.slug})`]);
        return el('div', { className: 'cond-line' },
          label('Member of', B.select({ disabled, dataset: { focus: `${focus}:slug`, field: '.segment' }, onchange: (event) => { ref.set({ segment: event.target.value }); } }, segments, v)));
      },

      persona(v, path, focus, ref) {
        const options = (schema?.personas || []).map((p) => [p.key, `${p.name} (${p.key})`]);
        return choiceEditor(v, options, 'persona', focus, ref, schema ? 'No personas are trained yet: train them on the Personas page.' : 'Loading the personas…');
      },

      lifecycleStage(v, path, focus, ref) {
        return choiceEditor(v, (schema?.lifecycleStages || STAGES).map((s) => [s, s[0].toUpperCase() + s.slice(1)]), 'lifecycleStage', focus, ref);
      },

      bucket(v, path, focus) {
        const share = () => (typeof v.from === 'number' && typeof v.to === 'number' && v.to >= v.from ? `${((v.to - v.from + 1) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}% of profiles` : '');
        const note = el('span', { className: 'muted', 'aria-live': 'polite' }, share());
        const bound = (key, what) => el('input', {
          type: 'number', min: '0', max: '9999', step: '1', value: typeof v[key] === 'number' ? String(v[key]) : '', className: 'narrow', 'aria-label': what, disabled,
          dataset: { focus: `${focus}:${key}`, field: `.bucket.${key}` },
          oninput: (event) => { v[key] = event.target.value === '' ? null : Number(event.target.value); note.textContent = share(); changed(); },
        });
        return el('div', { className: 'cond-line' },
          el('span', { className: 'cond-label' }, 'Buckets'), bound('from', 'First bucket (0–9999)'), el('span', { className: 'muted' }, 'to'), bound('to', 'Last bucket (0–9999)'), note);
      },
    };

    /** Several choices (persona, lifecycle stage) as check boxes: one is written as "x", more as {"in":[…]}. */
    const choiceEditor = (v, choices, kind, focus, ref, empty) => {
      const chosen = isString(v) ? [v] : [...v.in];
      const all = [...choices];
      for (const c of chosen) if (!all.some(([key]) => key === c)) all.push([c, `${c} (not found)`]);
      if (all.length === 0) return el('p', { className: 'muted' }, empty);
      const write = () => ref.set({ [kind]: chosen.length === 1 ? chosen[0] : { in: chosen } });
      return el('fieldset', { className: 'choices' },
        el('legend', { className: 'visually-hidden' }, KINDS[kind]),
        all.map(([key, text]) => el('label', { className: 'check' },
          el('input', {
            type: 'checkbox', checked: chosen.includes(key), disabled, dataset: { focus: `${focus}:${key}`, field: `.${kind}` },
            onchange: (event) => {
              const at = chosen.indexOf(key);
              if (event.target.checked && at < 0) chosen.push(key);
              if (!event.target.checked && at >= 0) chosen.splice(at, 1);
              write();
            },
          }), text)));
    };

    /** Puts an object's keys in the canonical order (as the server writes them), unknown keys last. */
    const rebuildKeys = (o, order) => {
      const entries = Object.entries(o);
      for (const [k] of entries) delete o[k];
      for (const k of order) { const e = entries.find(([key]) => key === k); if (e) o[k] = e[1]; }
      for (const [k, value] of entries) if (!order.includes(k)) o[k] = value;
    };

    // ---------- nodes ----------
    const tools = (ref, path) => el('span', { className: 'cond-tools' },
      ref.move ? el('button', { type: 'button', className: 'icon-button', 'aria-label': 'Move up', title: 'Move up', disabled: disabled || !ref.move(-1, true), onclick: () => ref.move(-1) }, '↑') : null,
      ref.move ? el('button', { type: 'button', className: 'icon-button', 'aria-label': 'Move down', title: 'Move down', disabled: disabled || !ref.move(1, true), onclick: () => ref.move(1) }, '↓') : null,
      el('button', { type: 'button', className: 'icon-button', 'aria-label': 'Remove condition', title: 'Remove', disabled, onclick: () => ref.remove() }, '✕'));

    const errorsBox = () => el('ul', { className: 'cond-errors', hidden: true });

    const renderNode = (node, ref, path) => {
      const kind = kindOf(node);
      const focus = path;
      if (kind && GROUPS.includes(kind) && Array.isArray(node[kind])) return renderGroup(node, kind, ref, path);
      if (kind === 'not' && isObject(node.not)) {
        const inner = renderNode(node.not, {
          set: (next, soft) => (next === undefined ? ref.remove() : commit((n) => { node.not = n; }, next, soft)),
          remove: () => ref.remove(),
        }, `${path}.not`);
        return el('div', { className: 'cond not', dataset: { path } },
          el('div', { className: 'cond-head' },
            el('span', { className: 'not-badge' }, 'NOT'), el('span', { className: 'muted' }, 'Profiles that do not match:'),
            el('button', { type: 'button', className: 'button small ghost', disabled, onclick: () => ref.set(node.not) }, 'Remove NOT'),
            tools(ref, path)),
          inner, errorsBox());
      }
      if (!kind || !(kind in KINDS) || !allowed.includes(kind) || !SHAPES[kind](node[kind])) return renderRaw(node, ref, path, kind);
      const body = editors[kind](node[kind], path, focus, ref);
      return el('div', { className: 'cond leaf', dataset: { path, kind } },
        el('div', { className: 'cond-head' },
          B.select({
            className: 'cond-kind', 'aria-label': 'Kind of condition', disabled, dataset: { focus: `${focus}:kind`, field: `.${kind}` },
            onchange: (event) => ref.set(fresh(event.target.value, schema)),
          }, allowed.map((k) => [k, KINDS[k]]), kind),
          el('button', { type: 'button', className: 'button small ghost', disabled, title: 'Match profiles that do not meet this condition', onclick: () => ref.set({ not: node }) }, 'NOT'),
          el('button', { type: 'button', className: 'button small ghost', disabled, title: 'Put this condition in a group, to combine it with others', onclick: () => ref.set({ and: [node] }) }, 'Group'),
          tools(ref, path)),
        body, errorsBox());
    };

    const renderGroup = (node, kind, ref, path) => {
      const list = node[kind];
      const items = list.map((child, index) => el('li', {}, renderNode(child, {
        set: (next, soft) => (next === undefined ? (list.splice(index, 1), structural()) : commit((n) => { list[index] = n; }, next, soft)),
        remove: () => { list.splice(index, 1); structural(); },
        move: (delta, probe) => {
          const to = index + delta;
          if (to < 0 || to >= list.length) return false;
          if (probe) return true;
          [list[index], list[to]] = [list[to], list[index]];
          structural();
          return true;
        },
      }, `${path}.${kind}[${index}]`)));
      let addKind = allowed[0] === 'trait' ? 'event' : allowed[0];
      return el('fieldset', { className: `cond group ${kind}`, dataset: { path } },
        el('legend', { className: 'group-head' },
          el('span', {}, 'Match'),
          B.select({
            'aria-label': 'Combine the conditions of this group', disabled, dataset: { focus: `${path}:combine`, field: `.${kind}` },
            onchange: (event) => { const next = event.target.value; node[next] = list; delete node[kind]; structural(); },
          }, [['and', 'all'], ['or', 'any']], kind),
          el('span', {}, 'of these conditions'),
          el('button', { type: 'button', className: 'button small ghost', disabled, onclick: () => ref.set({ not: node }) }, 'NOT'),
          tools(ref, path)),
        items.length ? el('ol', { className: 'cond-list' }, items) : el('p', { className: 'muted empty-group' }, 'No conditions in this group yet.'),
        el('div', { className: 'group-actions' },
          B.select({ 'aria-label': 'Kind of condition to add', disabled, dataset: { focus: `${path}:addkind` }, onchange: (event) => { addKind = event.target.value; } },
            allowed.map((k) => [k, KINDS[k]]), addKind),
          el('button', { type: 'button', className: 'button small', disabled, dataset: { focus: `${path}:add` }, onclick: () => { list.push(fresh(addKind, schema)); structural(); } }, '+ Add condition'),
          el('button', { type: 'button', className: 'button small ghost', disabled, onclick: () => { list.push({ [kind === 'and' ? 'or' : 'and']: [] }); structural(); } },
            kind === 'and' ? '+ Add an "any of" group' : '+ Add an "all of" group')),
        errorsBox());
    };

    /** A condition the editor cannot show: its JSON, editable, replaced once it parses. */
    const renderRaw = (node, ref, path, kind) => {
      const why = kind && !allowed.includes(kind) && kind in KINDS
        ? `${KINDS[kind]} conditions are not allowed here.`
        : 'This condition cannot be shown in the visual editor.';
      const note = el('p', { className: 'hint' }, `${why} Edit it as JSON; it becomes visual again once it is a well-formed condition.`);
      return el('div', { className: 'cond raw', dataset: { path } },
        el('div', { className: 'cond-head' }, el('span', { className: 'cond-label' }, 'Condition (JSON)'), tools(ref, path)),
        note,
        el('textarea', {
          className: 'code-editor raw-json', rows: '4', spellcheck: 'false', 'aria-label': 'Condition as JSON', disabled, dataset: { focus: `${path}:raw`, field: '' },
          value: B.pretty(node),
          oninput: (event) => {
            try {
              const next = B.parseLenient(event.target.value);
              event.target.removeAttribute('aria-invalid');
              ref.set(next, true);
            } catch (error) {
              event.target.setAttribute('aria-invalid', 'true');
              note.textContent = `Not valid JSON yet: ${error.message}.`;
            }
          },
        }),
        errorsBox());
    };

    const renderRoot = () => {
      const rootRef = {
        set: (next, soft) => commit((n) => { root = n; }, next, soft),
        remove: () => { root = undefined; structural(); },
      };
      let addKind = allowed.includes('event') ? 'event' : allowed[0];
      const adder = (text) => el('div', { className: 'group-actions root-actions' },
        B.select({ 'aria-label': 'Kind of condition to add', disabled, dataset: { focus: `${basePath}:rootkind` }, onchange: (event) => { addKind = event.target.value; } },
          allowed.map((k) => [k, KINDS[k]]), addKind),
        el('button', {
          type: 'button', className: 'button small', disabled, dataset: { focus: `${basePath}:rootadd` },
          onclick: () => {
            const added = fresh(addKind, schema);
            if (root === undefined) root = added;
            else if (kindOf(root) === 'and') root.and.push(added);
            else root = { and: [root, added] };
            structural();
          },
        }, text));
      if (root === undefined) {
        return el('div', { className: 'cond-root', dataset: { path: basePath } },
          el('p', { className: 'muted' }, 'No condition yet: add the first one.'), adder('+ Add condition'), errorsBox());
      }
      return el('div', { className: 'cond-root' },
        renderNode(root, rootRef, basePath),
        kindOf(root) === 'and' ? null : adder('+ Add condition (all must match)'));
    };

    return {
      element: container,
      set(condition) { root = condition; rerender(); },
      get: () => root,
      setSchema(next) { schema = next; eventsList(); traitsList(); rerender(); },
      setBasePath(path) { basePath = path; rerender(); },
      setDisabled(value) { disabled = value; rerender(); },
      /** Places errors ({ path, message }) on the conditions their paths point into; returns those it could not place. */
      showErrors(errors) {
        for (const box of container.querySelectorAll('.cond-errors')) { box.replaceChildren(); box.hidden = true; }
        for (const field of container.querySelectorAll('[aria-invalid="true"]')) field.removeAttribute('aria-invalid');
        const nodes = [...container.querySelectorAll('[data-path]')];
        const unplaced = [];
        for (const error of errors) {
          const owner = nodes.filter((n) => B.under(error.path, n.dataset.path)).sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
          if (!owner) { unplaced.push(error); continue; }
          const rest = error.path.slice(owner.dataset.path.length);
          const box = [...owner.children].find((c) => c.classList.contains('cond-errors'));
          box.hidden = false;
          box.append(el('li', {}, rest ? el('code', {}, rest.replace(/^\./, '')) : null, rest ? ' ' : null, error.message));
          // Mark the controls the path names (or lies above); failing that, the closest control above it.
          const own = rest ? [...owner.querySelectorAll('[data-field]')].filter((f) => f.closest('[data-path]') === owner && f.dataset.field) : [];
          let marked = own.filter((f) => B.under(f.dataset.field, rest));
          if (marked.length === 0) {
            const above = own.filter((f) => B.under(rest, f.dataset.field));
            const depth = Math.max(0, ...above.map((f) => f.dataset.field.length));
            marked = above.filter((f) => f.dataset.field.length === depth);
          }
          for (const field of marked) field.setAttribute('aria-invalid', 'true');
        }
        return unplaced;
      },
    };
  };

  B.conditionKinds = Object.keys(KINDS);

  const ordered = (o, order) => {
    if (!isObject(o)) return o;
    const out = {};
    for (const k of order) if (k in o) out[k] = o[k];
    for (const k of Object.keys(o)) if (!(k in out)) out[k] = o[k];
    return out;
  };
  const FILTER = ['name', 'type', 'where'];
  const WHERE = ['property', 'op', 'value'];
  const WINDOW = ['last', 'from', 'to'];
  const filter = (f) => {
    const out = ordered(f, FILTER);
    if (isObject(out) && Array.isArray(out.where)) out.where = out.where.map((w) => ordered(w, WHERE));
    return out;
  };

  /** A copy of a condition tree with every object's keys in the order the server writes them (unknown keys last). */
  B.canonicalCondition = (node) => {
    const kind = kindOf(node);
    if (!kind) return node;
    const v = node[kind];
    switch (kind) {
      case 'and':
      case 'or': return { [kind]: Array.isArray(v) ? v.map(B.canonicalCondition) : v };
      case 'not': return { not: B.canonicalCondition(v) };
      case 'trait':
      case 'computed': return { [kind]: ordered(v, ['name', 'op', 'value']) };
      case 'event': {
        const e = filter(ordered(v, ['name', 'type', 'where', 'count', 'aggregate', 'window']));
        if (!isObject(e)) return node;
        if ('count' in e) e.count = ordered(e.count, ['op', 'value']);
        if ('aggregate' in e) e.aggregate = ordered(e.aggregate, ['fn', 'property', 'op', 'value']);
        if ('window' in e) e.window = ordered(e.window, WINDOW);
        return { event: e };
      }
      case 'sequence': {
        const q = ordered(v, ['first', 'then', 'within', 'did', 'key', 'window']);
        if (!isObject(q)) return node;
        if ('first' in q) q.first = filter(q.first);
        if ('then' in q) q.then = filter(q.then);
        if ('window' in q) q.window = ordered(q.window, WINDOW);
        return { sequence: q };
      }
      case 'consent': return { consent: ordered(v, ['channel', 'subscribed']) };
      case 'bucket': return { bucket: ordered(v, ['from', 'to']) };
      default: return node;
    }
  };
})();
