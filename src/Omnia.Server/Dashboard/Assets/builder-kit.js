// Shared pieces of the visual editors (segment builder, lifecycle rules, channel rules): element helpers, the
// workspace schema for pickers, chip lists, and the JSON view kept in sync with the visual one. The server-rendered
// textarea stays the form field: without this script the page is a plain JSON editor that still posts.
(() => {
  'use strict';
  const B = (window.OmniaBuilder = window.OmniaBuilder || {});
  let ids = 0;

  /** el('select', { className: 'x', 'aria-label': 'y', onchange: fn }, ...children): properties, listeners, attributes. */
  B.el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else if (key === 'className' || key === 'value' || key === 'checked' || key === 'textContent' || key === 'selected') node[key] = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };
  const el = B.el;

  B.uid = (prefix) => `${prefix}-${++ids}`;

  /** A <select> of [value, label] pairs (or optgroups { group, options }); keeps an unknown current value as an option. */
  B.select = (attrs, options, current) => {
    const known = new Set();
    const option = ([value, label]) => { known.add(value); return el('option', { value, selected: value === current }, label); };
    const children = options.map((o) => (o.group ? el('optgroup', { label: o.group }, o.options.map(option)) : option(o)));
    if (current === '' && !known.has('')) children.unshift(el('option', { value: '', selected: true }, 'Choose…'));
    else if (current !== undefined && current !== null && !known.has(current)) children.unshift(el('option', { value: current, selected: true }, `${current} (not in the list)`));
    return el('select', attrs, children);
  };

  /** A <datalist> in the document with these [value, label] options, replaced if it exists; returns its id. */
  B.datalist = (id, options) => {
    let list = document.getElementById(id);
    if (!list) {
      list = el('datalist', { id });
      document.body.append(list);
    }
    list.replaceChildren(...options.map(([value, label]) => el('option', { value, label: label || null })));
    return id;
  };

  /** The antiforgery token the page's forms carry, for API calls that change or post something. */
  B.token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value || '';

  /** The workspace schema (GET …/schema), fetched once per page. */
  B.schema = (workspace) => {
    if (!B.schemaPromise) {
      B.schemaPromise = fetch(`/api/v1/workspaces/${encodeURIComponent(workspace)}/schema`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`The server answered ${r.status}.`))));
    }
    return B.schemaPromise;
  };

  /** "1 event", "2,300 events". */
  B.count = (n, one, many) => `${Number(n).toLocaleString('en-US')} ${n === 1 ? one : many}`;

  /**
   * JSON as the server reads definitions: comments and trailing commas allowed. Returns the value, or throws an
   * Error whose message says where the text stopped being JSON.
   */
  B.parseLenient = (text) => {
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        out += c;
        if (c === '\\') out += text[++i] ?? '';
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
        out += c;
      } else if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
        out += '\n';
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        out += text.slice(i, end < 0 ? text.length : end + 2).replace(/[^\n]/g, ' ');
        i = end < 0 ? text.length : end + 1;
      } else if (c === ',') {
        const rest = text.slice(i + 1).match(/^\s*([\]}])/);
        out += rest ? ' ' : c;
      } else {
        out += c;
      }
    }
    try {
      return JSON.parse(out);
    } catch (error) {
      const at = /position (\d+)/.exec(error.message);
      if (!at) throw new Error(error.message);
      const before = out.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      const column = Number(at[1]) - before.lastIndexOf('\n');
      throw new Error(`${error.message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '')} at line ${line}, character ${column}`);
    }
  };

  /** Indented JSON, as the server shows definitions. */
  B.pretty = (value) => JSON.stringify(value, null, 2);

  /**
   * Tabs "Visual" and "JSON" over one textarea. The visual editor calls write(value) after each change; typing in the
   * textarea calls onJson(value) once the text parses, and onInvalid(message) while it does not, so the visual editor
   * can pause rather than overwrite work. Returns { write, show, showJsonError }.
   */
  B.jsonView = ({ textarea, tabs, visualTab, jsonTab, visualPanel, jsonPanel, status, onJson, onInvalid }) => {
    const select = (visual) => {
      visualTab.setAttribute('aria-selected', String(visual));
      jsonTab.setAttribute('aria-selected', String(!visual));
      visualTab.tabIndex = visual ? 0 : -1;
      jsonTab.tabIndex = visual ? -1 : 0;
      visualPanel.hidden = !visual;
      jsonPanel.hidden = visual;
    };
    const showJsonError = (message) => {
      status.hidden = !message;
      status.textContent = message ? `The JSON is not valid: ${message}. Nothing is lost: fix it here; the visual editor waits until it is valid.` : '';
      textarea.setAttribute('aria-invalid', message ? 'true' : 'false');
    };
    // Typing (and pasting, which some browsers report line by line) re-reads the JSON once the input pauses.
    let pending = 0;
    const sync = () => {
      clearTimeout(pending);
      pending = 0;
      let value;
      try {
        value = B.parseLenient(textarea.value);
      } catch (error) {
        showJsonError(error.message);
        onInvalid(error.message);
        return;
      }
      showJsonError('');
      onJson(value);
    };
    tabs.hidden = false;
    visualTab.addEventListener('click', () => { if (pending) sync(); select(true); });
    jsonTab.addEventListener('click', () => select(false));
    tabs.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const visual = jsonTab.getAttribute('aria-selected') === 'true';
      if (visual && pending) sync();
      select(visual);
      (visual ? visualTab : jsonTab).focus();
    });
    textarea.addEventListener('input', () => {
      clearTimeout(pending);
      pending = setTimeout(sync, 250);
    });
    return {
      write(value) {
        clearTimeout(pending);
        pending = 0;
        textarea.value = B.pretty(value);
        showJsonError('');
      },
      show: select,
      showJsonError,
    };
  };

  /**
   * A list of values as removable chips plus an input that adds one on Enter, comma or leaving the field.
   * values is edited in place; parse turns typed text into a value (return undefined to refuse it).
   */
  B.chips = ({ values, label, list, onChange, focus, placeholder, parse, field, disabled }) => {
    const toValue = parse || ((text) => text);
    const id = B.uid('chip');
    const items = el('ul', { className: 'chip-list' });
    const input = el('input', {
      id, type: 'text', list: list || null, placeholder: placeholder || 'Add…', autocomplete: 'off', spellcheck: 'false',
      'aria-label': label, dataset: { focus: focus ? `${focus}:add` : undefined, field: field || undefined }, disabled,
    });
    const render = () => {
      items.replaceChildren(...values.map((value, index) => el('li', { className: 'chip' },
        el('span', { className: 'chip-text' }, typeof value === 'string' ? value : JSON.stringify(value)),
        el('button', {
          type: 'button', className: 'chip-remove', 'aria-label': `Remove ${typeof value === 'string' ? value : JSON.stringify(value)} from ${label}`, disabled,
          onclick: () => { values.splice(index, 1); render(); onChange(); input.focus(); },
        }, '×'))));
    };
    const add = () => {
      const parts = input.value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      if (parts.length === 0) return;
      const parsed = parts.map(toValue);
      if (parsed.some((v) => v === undefined)) {
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      input.removeAttribute('aria-invalid');
      values.push(...parsed);
      input.value = '';
      render();
      onChange();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ',') {
        event.preventDefault();
        add();
      } else if (event.key === 'Backspace' && input.value === '' && values.length > 0) {
        values.pop();
        render();
        onChange();
      }
    });
    input.addEventListener('change', add);
    render();
    return el('div', { className: 'chips-edit' }, items, input);
  };

  /** Runs render() and puts the focus back on the control that had it (matched by data-focus), so re-rendering does not lose the user's place. */
  B.keepFocus = (root, render) => {
    const active = document.activeElement;
    const key = active && root.contains(active) ? active.dataset.focus : null;
    const selection = key && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
    render();
    if (!key) return;
    const next = [...root.querySelectorAll('[data-focus]')].find((n) => n.dataset.focus === key);
    if (!next) return;
    next.focus();
    if (selection && typeof next.setSelectionRange === 'function') {
      try { next.setSelectionRange(...selection); } catch { /* number inputs have no selection */ }
    }
  };

  /** "condition.and[0].event.count.op: message" → { path, message }; a line without a path has path "". */
  B.splitError = (text) => {
    const at = text.indexOf(': ');
    const path = at > 0 ? text.slice(0, at) : '';
    return /^[\w$.[\]]+$/.test(path) ? { path, message: text.slice(at + 2) } : { path: '', message: text };
  };

  /** Whether error path p lies at or under path base ("condition.and" is under "condition"). */
  B.under = (p, base) => p === base || p.startsWith(`${base}.`) || p.startsWith(`${base}[`);
})();
