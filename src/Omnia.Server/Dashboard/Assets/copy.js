// Copy buttons: <button data-copy="#id"> copies the text of the element it names.
(() => {
  'use strict';
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-copy]');
    if (!button) return;
    const source = document.querySelector(button.dataset.copy);
    if (!source) return;
    const label = button.querySelector('.copy-label') || button;
    const before = label.textContent;
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      label.textContent = 'Copied';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      label.textContent = 'Selected: press Ctrl+C';
    }
    setTimeout(() => { label.textContent = before; }, 2000);
  });
})();
