// The analytics pages' charts (Apache ECharts, vendored in echarts/). Each chart is a <div class="echart"
// data-chart="bar|sankey|pareto" data-source="ID"> whose data the server embedded in <script type="application/json"
// id="ID">, from the same report the page's tables show, so a chart and its table cannot disagree. No inline scripts.
(() => {
  'use strict';
  if (typeof echarts === 'undefined') return;
  const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
  const formats = { count: (v) => numbers.format(v), money: (v) => money.format(v), percent: (v) => percent.format(v) };
  const palette = ['#2f6fed', '#f08c00', '#2b8a3e', '#c2255c', '#7048e8', '#0c8599', '#e8590c', '#5c940d', '#862e9c', '#495057'];

  function bar(spec) {
    const format = formats[spec.valueFormat] || formats.count;
    const horizontal = !!spec.horizontal;
    const category = { type: 'category', data: spec.categories, axisLabel: { interval: 0, hideOverlap: true } };
    const value = { type: 'value', axisLabel: { formatter: format } };
    return {
      color: palette,
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: format },
      legend: spec.series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
      grid: { left: horizontal ? 150 : 60, right: 24, top: spec.series.length > 1 ? 36 : 16, bottom: 32, containLabel: false },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign(category, { inverse: true }) : value,
      series: spec.series.map((s) => ({
        name: s.name, type: 'bar', stack: spec.stacked ? 'total' : undefined, data: s.values,
        itemStyle: s.color ? { color: s.color } : undefined,
        label: spec.labels ? { show: true, position: horizontal ? 'right' : 'top', formatter: (p) => format(p.value) } : undefined,
      })),
    };
  }

  function sankey(spec) {
    return {
      color: palette,
      animation: false,
      tooltip: { trigger: 'item', formatter: (p) => p.dataType === 'edge' ? `${p.data.source} → ${p.data.target}: ${numbers.format(p.data.value)}` : `${p.name}` },
      series: [{
        type: 'sankey', data: spec.nodes, links: spec.links, nodeAlign: 'left', draggable: false, left: 8, right: 120,
        emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 }, label: { fontSize: 12 },
      }],
    };
  }

  function pareto(spec) {
    const format = formats[spec.valueFormat] || formats.count;
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 56, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { rotate: spec.categories.length > 6 ? 30 : 0, interval: 0 } },
      yAxis: [
        { type: 'value', name: spec.valueName, axisLabel: { formatter: format } },
        { type: 'value', max: 1, axisLabel: { formatter: formats.percent } },
      ],
      series: [
        { name: spec.valueName, type: 'bar', data: spec.values.map((v, i) => ({ value: v, itemStyle: { color: spec.core[i] ? '#2f6fed' : '#adb5bd' } })), tooltip: { valueFormatter: format } },
        {
          name: 'Cumulative share', type: 'line', yAxisIndex: 1, data: spec.cumulative, symbolSize: 6, itemStyle: { color: '#212529' }, tooltip: { valueFormatter: formats.percent },
          markLine: { symbol: 'none', silent: true, data: [{ yAxis: spec.threshold, label: { formatter: formats.percent(spec.threshold) } }], lineStyle: { color: '#f08c00', type: 'dashed' } },
        },
      ],
    };
  }

  const builders = { bar, sankey, pareto };
  for (const box of document.querySelectorAll('.echart[data-chart]')) {
    const source = document.getElementById(box.dataset.source);
    const build = builders[box.dataset.chart];
    if (!source || !build) continue;
    const spec = JSON.parse(source.textContent);
    const chart = echarts.init(box, null, { renderer: 'svg' });
    chart.setOption(build(spec));
    box.dataset.state = 'ready';
    window.addEventListener('resize', () => chart.resize());
  }
})();
