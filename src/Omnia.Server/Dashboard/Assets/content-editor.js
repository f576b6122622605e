// The content editor: a tab per channel variant, and live checks (POST …/content/check, debounced) of what the form
// would save: channel constraints (SMS segments, lengths, links) and consistency across variants, shown per variant
// and in the checks card. Without script every panel shows and the checks follow each save.
(() => {
  'use strict';
  const B = window.OmniaBuilder;
  const form = document.getElementById('content-form');
  if (!form || !B) return;
  const { el } = B;
  const api = `/api/v1/workspaces/${encodeURIComponent(form.dataset.workspace)}/content`;
  const tabs = document.getElementById('variant-tabs');
  const panels = [...form.querySelectorAll('.variant-panel[data-variant]')];
  const select = (key) => {
    for (const tab of tabs.querySelectorAll('[role=tab]')) {
      const on = tab.dataset.variant === key;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
    for (const panel of panels) panel.hidden = panel.dataset.variant !== key;
  };
  tabs.hidden = false;
  for (const tab of tabs.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => select(tab.dataset.variant));
  const withErrors = panels.find((p) => p.querySelector('.issue-list li.error'));
  select(withErrors ? withErrors.dataset.variant : (panels.find((p) => p.querySelector('input[type=checkbox]')?.checked) || panels[0]).dataset.variant);

  // The same mapping as ContentText.ToJson on the server.
  const PARTS = { email: ['subject', 'preheader', 'html', 'text'], sms: ['text'], push: ['title', 'body', 'link'], inApp: ['title', 'body', 'button', 'link'], web: ['slot', 'html'] };
  const value = (name) => (form.elements[`c:${name}`]?.value || '').trim() ? form.elements[`c:${name}`].value : null;
  const list = (name) => (value(name) || '').split(',').map((s) => s.trim()).filter(Boolean);
  const json = () => {
    const doc = { version: 1, name: value('name') || '' };
    if (value('campaign')) doc.campaign = value('campaign');
    const consistency = {};
    if (list('consistency.offer').length) consistency.offer = list('consistency.offer');
    if (value('consistency.ctaUrl')) consistency.ctaUrl = value('consistency.ctaUrl').trim();
    if (list('consistency.keyPhrases').length) consistency.keyPhrases = list('consistency.keyPhrases');
    if (Object.keys(consistency).length) doc.consistency = consistency;
    for (const [key, parts] of Object.entries(PARTS)) {
      if (!form.elements[`c:${key}.on`]?.checked) continue;
      const variant = {};
      for (const part of parts) if (value(`${key}.${part}`) !== null) variant[part] = value(`${key}.${part}`);
      doc[key] = variant;
    }
    return JSON.stringify(doc);
  };

  const item = (issue) => el('li', { className: issue.severity, dataset: { code: issue.code } }, el('code', {}, issue.path), ' ', issue.message);
  const show = (result) => {
    const issues = result.valid ? result.issues : result.errors.map((text) => ({ ...B.splitError(text), severity: 'error', code: 'invalid' }))
      .map((e) => ({ path: e.path || '$', severity: 'error', code: 'invalid', message: e.message }));
    document.getElementById('issue-list').replaceChildren(...issues.map(item));
    document.getElementById('no-issues').hidden = issues.length > 0;
    for (const box of form.querySelectorAll('[data-issues]')) {
      const key = box.dataset.issues;
      box.replaceChildren(...issues.filter((i) => i.path === key || i.path.startsWith(`${key}.`)).map(item));
    }
    for (const f of form.querySelectorAll('[data-path]')) f.toggleAttribute('aria-invalid', issues.some((i) => i.severity === 'error' && i.path === f.dataset.path));
    const meter = document.getElementById('sms-meter');
    if (meter) meter.textContent = result.sms ? `${result.sms.encoding.toUpperCase()}: ${result.sms.units} units, ${result.sms.segments} ${result.sms.segments === 1 ? 'segment' : 'segments'} (before personalisation)${result.sms.nonGsmCharacters.length ? `; UCS-2 because of ${result.sms.nonGsmCharacters.join(' ')}` : ''}` : 'No text yet.';
  };

  let timer = 0;
  let controller = null;
  const check = async () => {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${api}/check`, {
        method: 'POST', credentials: 'same-origin', signal: controller.signal, body: json(),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: B.token() },
      });
      if (response.ok) show(await response.json());
    } catch (error) {
      if (error.name !== 'AbortError') document.getElementById('no-issues').textContent = `The checks could not run: ${error.message}`;
    }
  };
  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 500); });
})();
