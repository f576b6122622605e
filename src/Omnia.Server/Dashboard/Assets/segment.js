// A segment's page: entries (up) and exits (down) per day as a Chart.js bar chart, drawn from the numbers the
// server embedded in #flow-data (the same numbers as the table under the chart, which works without this script).
(() => {
  'use strict';
  const data = document.getElementById('flow-data');
  const canvas = document.getElementById('flow-chart');
  if (!data || !canvas) return;
  const box = canvas.closest('.chart-box');
  if (typeof Chart === 'undefined') {
    box.dataset.state = 'error';
    box.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'The chart could not be drawn; the numbers are in the table below.' }));
    return;
  }

  const days = JSON.parse(data.textContent);
  const style = getComputedStyle(document.documentElement);
  const color = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const labels = days.map((d) => new Date(`${d.day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }));
  Chart.defaults.font.family = color('--font', 'system-ui, sans-serif');
  Chart.defaults.color = color('--muted', '#5c6470');
  box.dataset.state = 'ready';
  box.querySelector('.loading-note')?.remove();
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'Entered', data: days.map((d) => d.entered), backgroundColor: color('--ok', '#0f7b4d'), borderRadius: 2, maxBarThickness: 22 },
        { label: 'Exited', data: days.map((d) => -d.exited), backgroundColor: color('--bad', '#c0262d'), borderRadius: 2, maxBarThickness: 22 },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { stacked: true, grid: { color: '#eef0f4' }, ticks: { precision: 0, callback: (v) => Math.abs(v).toLocaleString('en-US') } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10, usePointStyle: true } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${Math.abs(c.parsed.y).toLocaleString('en-US')}` } },
      },
    },
  });
})();
