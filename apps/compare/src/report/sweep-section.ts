/**
 * The report's heap-size sweep, per workload: the time-space trade-off
 * (total and collector time against the heap multiple, one series per
 * strategy), the lower-bound overhead (each strategy's total time against the
 * cheapest program time seen at that heap size), and a table where a run
 * that ran out of memory is marked `MemoryError`. ECharts draws the charts,
 * as it draws the rest of the report.
 *
 * On the summary, every workload's minimum heap and the lower-bound overhead
 * over all workloads (its geometric mean, drawn only where a strategy
 * completed every workload, as LBO figures are).
 *
 * This is page script: it defines `window.pymmSweepSection(api, section,
 * workload)` and `window.pymmSweepSummary(api, section)`, which the report's
 * script calls with its helpers (`el`, `chart`, `color`, `bytes`, `fixed`)
 * and the embedded comparison.
 *
 * @module
 */

/** The sweep section's page script, inlined into the report before the main script. */
export const SWEEP_CLIENT = `
window.pymmSweepSection = function (api, section, name) {
  'use strict';
  var el = api.el, chart = api.chart, color = api.color, bytes = api.bytes, fixed = api.fixed;
  var sweep = api.data.sweep;
  var found = sweep.workloads.filter(function (w) { return w.workload === name; })[0];
  if (!found) return;
  var points = sweep.points.filter(function (p) { return p.workload === name; });
  var labels = sweep.strategies.map(function (s) { return s.label; });
  function pointAt(label, multiple) {
    return points.filter(function (p) { return p.label === label && p.multiple === multiple; })[0];
  }
  section.appendChild(el('h3', {}, ['Heap-size sweep']));
  var others = found.minimums.filter(function (m) { return m.label !== found.definedBy; })
    .map(function (m) { return m.label + ' ' + bytes(m.bytes); });
  section.appendChild(el('p', { class: 'lesson' }, [
    'Minimum heap ' + bytes(found.minimumHeapBytes) + ', that of ' + found.definedBy +
    ' (the tightest; found by bisection, the smallest limit on live bytes at which the program completes without MemoryError)' +
    (others.length ? '; ' + others.join(', ') : '') + '. Each strategy then ran at ' +
    sweep.multiples.map(function (m) { return m + '×'; }).join(', ') + ' of it.']));
  var grid = el('div', { class: 'charts' });
  section.appendChild(grid);
  function failures(label) {
    var failed = points.filter(function (p) { return p.label === label && !p.completed; });
    return failed.length ? [{ name: label + ': MemoryError', type: 'scatter', symbol: 'triangle', symbolSize: 11,
      itemStyle: { color: color(label) }, data: failed.map(function (p) { return [p.multiple, 0]; }) }] : [];
  }
  function line(label, field, scaleBy, dashed) {
    return { name: label + (dashed ? ' collector' : ''), type: 'line', connectNulls: false, symbolSize: 6,
      lineStyle: { color: color(label), type: dashed ? 'dashed' : 'solid' }, itemStyle: { color: color(label) },
      data: sweep.multiples.map(function (m) {
        var p = pointAt(label, m);
        return [m, p && p.completed && p[field] !== null ? Number((p[field] * scaleBy).toFixed(3)) : null];
      }) };
  }
  var axis = { type: 'value', name: '× minimum heap', nameLocation: 'middle', nameGap: 24, min: 1 };
  var series = [];
  labels.forEach(function (l) { series.push(line(l, 'wallMs', 1, false), line(l, 'collectorMs', 1, true)); series.push.apply(series, failures(l)); });
  chart(grid, {
    title: { text: 'Time-space trade-off: total (solid) and collector (dashed) ms', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: axis, yAxis: { type: 'value', name: 'ms', nameLocation: 'middle', nameGap: 42 }, series: series,
  });
  var overhead = [];
  labels.forEach(function (l) { overhead.push(line(l, 'lowerBoundOverhead', 100, false)); overhead.push.apply(overhead, failures(l)); });
  chart(grid, {
    title: { text: 'Lower-bound overhead: % over the cheapest program time at each heap size', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: axis, yAxis: { type: 'value', name: '%', nameLocation: 'middle', nameGap: 42 }, series: overhead,
  });
  var head = ['strategy'].concat(sweep.multiples.map(function (m) { return m + '× (' + bytes(Math.ceil(m * found.minimumHeapBytes)) + ')'; }));
  var table = el('table', { class: 'sweep' }, [el('tr', {}, head.map(function (h) { return el('th', {}, [h]); }))]);
  labels.forEach(function (l) {
    var cells = [l].concat(sweep.multiples.map(function (m) {
      var p = pointAt(l, m);
      if (!p) return '';
      if (!p.completed) return 'MemoryError';
      return fixed(p.wallMs, 1) + ' ms, gc ' + fixed(p.collectorMs, 1) + ' ms, ' + p.collections + ' coll., +' + fixed(p.lowerBoundOverhead * 100, 0) + '%';
    }));
    table.appendChild(el('tr', {}, cells.map(function (c) { return el('td', { class: c === 'MemoryError' ? 'warn' : '' }, [c]); })));
  });
  section.appendChild(el('div', { style: 'overflow-x: auto' }, [table]));
};

window.pymmSweepSummary = function (api, section) {
  'use strict';
  var el = api.el, chart = api.chart, color = api.color, bytes = api.bytes, fixed = api.fixed;
  var sweep = api.data.sweep;
  var labels = sweep.strategies.map(function (s) { return s.label; });
  section.appendChild(el('h3', {}, ['Heap-size sweep: minimum heaps']));
  section.appendChild(el('p', { class: 'lesson' }, ['Each workload’s minimum heap per strategy, found by bisection; the tightest is the unit of the multiples. ' +
    'Below, the lower-bound overhead at each multiple as a geometric mean over the workloads; a strategy’s point is drawn only where it completed every workload.']));
  var head = ['workload', 'minimum heap (strategy)'].concat(labels);
  var table = el('table', { class: 'sweep-minimums' }, [el('tr', {}, head.map(function (h) { return el('th', {}, [h]); }))]);
  sweep.workloads.forEach(function (w) {
    var cells = [w.workload, bytes(w.minimumHeapBytes) + ' (' + w.definedBy + ')'].concat(labels.map(function (l) {
      var own = w.minimums.filter(function (m) { return m.label === l; })[0];
      return own ? bytes(own.bytes) + ' (' + fixed(own.bytes / w.minimumHeapBytes, 2) + '×)' : '';
    }));
    table.appendChild(el('tr', {}, cells.map(function (c) { return el('td', {}, [c]); })));
  });
  section.appendChild(el('div', { style: 'overflow-x: auto' }, [table]));
  var grid = el('div', { class: 'charts' });
  section.appendChild(grid);
  var names = sweep.workloads.map(function (w) { return w.workload; });
  chart(grid, {
    title: { text: 'Lower-bound overhead over all workloads (geometric mean, %)', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'value', name: '× minimum heap', nameLocation: 'middle', nameGap: 24, min: 1 },
    yAxis: { type: 'value', name: '%', nameLocation: 'middle', nameGap: 42 },
    series: labels.map(function (l) {
      return { name: l, type: 'line', connectNulls: false, symbolSize: 6, lineStyle: { color: color(l) }, itemStyle: { color: color(l) },
        data: sweep.multiples.map(function (m) {
          var points = sweep.points.filter(function (p) { return p.label === l && p.multiple === m && names.indexOf(p.workload) >= 0; });
          var complete = points.length === names.length && points.every(function (p) { return p.completed; });
          if (!complete || points.length === 0) return [m, null];
          var logs = points.reduce(function (sum, p) { return sum + Math.log(1 + p.lowerBoundOverhead); }, 0);
          return [m, Number(((Math.exp(logs / points.length) - 1) * 100).toFixed(2))];
        }) };
    }),
  });
};
`;
