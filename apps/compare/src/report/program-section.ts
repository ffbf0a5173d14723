/**
 * The report's parts for a workload that is a Python program: the source that ran, annotated per
 * line with what the attribution charged to it (bytes allocated, collections started under each
 * strategy, files opened and not closed by the program), the two attribution charts, and the
 * CPython column (CPython's stdout, `gc.get_stats()` and peak RSS beside pymm's run of the same
 * version, a differing stdout marked). Also the report's summary of the CPython column.
 *
 * These are page-script functions; `html-report.ts` places them inside its script, where `el`,
 * `chart`, `bytes`, `int`, `color` and `data` are in scope.
 *
 * @module
 */

/** The page-script functions `programSource`, `programAttribution`, `cpythonBeside` and `cpythonSummary`. */
export const PROGRAM_SECTION_CLIENT = `
  function attributionOf(r) { return r.program && r.program.attribution; }
  function fileNote(runs, line) {
    var notes = [];
    runs.forEach(function (r) {
      var a = attributionOf(r);
      if (!a) return;
      a.filesLeftOpen.forEach(function (f) {
        if (f.line === line) notes.push(r.label + ': ' + f.name + (f.how === 'open' ? ' still open at exit' : ' closed only when freed'));
      });
    });
    return notes;
  }
  // The source that ran, one row per line, with what each line was charged.
  function programSource(section, w, runs) {
    var first = runs.filter(function (r) { return attributionOf(r); })[0];
    section.appendChild(el('h3', {}, ['The program that ran' + (w.filename ? ': ' + w.filename : '')]));
    if (!first) { section.appendChild(el('pre', {}, [w.python])); return; }
    var allocated = {};
    var maxBytes = 1;
    attributionOf(first).allocations.forEach(function (a) { allocated[a.line] = a; if (a.line > 0) maxBytes = Math.max(maxBytes, a.bytes); });
    var table = el('table', { class: 'source' }, [el('tr', {}, ['line', 'source', 'allocated', 'collections started', 'files left open'].map(function (h) { return el('th', {}, [h]); }))]);
    w.python.replace(/\\n$/, '').split('\\n').forEach(function (text, i) {
      var line = i + 1;
      var a = allocated[line];
      var started = [];
      runs.forEach(function (r) {
        var at = attributionOf(r);
        (at ? at.collections : []).forEach(function (c) { if (c.line === line) started.push(r.label + ' ' + c.count); });
      });
      var notes = fileNote(runs, line);
      var bar = el('span', { class: 'bar', style: 'width:' + (a ? Math.max(1, Math.round((60 * a.bytes) / maxBytes)) : 0) + 'px' });
      table.appendChild(el('tr', { 'data-line': String(line), class: notes.length ? 'left-open' : '' }, [
        el('td', {}, [String(line)]),
        el('td', { class: 'code' }, [text]),
        el('td', { class: 'allocated' }, a ? [bar, ' ' + bytes(a.bytes) + ' in ' + int(a.count)] : []),
        el('td', { class: 'note' }, [started.join(', ')]),
        el('td', { class: 'note' + (notes.length ? ' warn' : '') }, [notes.join('; ')]),
      ]));
    });
    section.appendChild(el('div', { class: 'source-wrap' }, [table]));
    var outside = allocated[0];
    if (outside) section.appendChild(el('p', { class: 'sub' }, ['Outside any line of the program (interpreter start-up and shutdown): ' + bytes(outside.bytes) + ' in ' + int(outside.count) + ' objects. Allocations in functions of other modules are charged to the program line that called them.']));
  }
  // Charts: the lines that allocated most; the lines where collections started, per strategy.
  function programAttribution(grid, w, runs) {
    var first = runs.filter(function (r) { return attributionOf(r); })[0];
    if (!first) return;
    var top = attributionOf(first).allocations.filter(function (a) { return a.line > 0; })
      .sort(function (x, y) { return y.bytes - x.bytes; }).slice(0, 10).reverse();
    chart(grid, {
      title: { text: 'Lines that allocated most (bytes)', left: 'center', textStyle: { fontSize: 13 } },
      tooltip: { valueFormatter: bytes }, grid: { left: 80, right: 30, top: 40, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: bytes } },
      yAxis: { type: 'category', data: top.map(function (a) { return 'line ' + a.line; }) },
      series: [{ type: 'bar', data: top.map(function (a) { return a.bytes; }), itemStyle: { color: '#2f5fb3' } }],
    });
    var lines = {};
    runs.forEach(function (r) { var a = attributionOf(r); (a ? a.collections : []).forEach(function (c) { lines[c.line] = true; }); });
    var keys = Object.keys(lines).map(Number).sort(function (x, y) { return x - y; });
    chart(grid, {
      title: { text: 'Where collections started (per line)', left: 'center', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: keys.map(function (l) { return l === 0 ? 'start/exit' : 'line ' + l; }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: runs.map(function (r) {
        var a = attributionOf(r);
        return { name: r.label, type: 'bar', stack: 'all', itemStyle: { color: color(r.label) },
          data: keys.map(function (l) { var c = a && a.collections.filter(function (x) { return x.line === l; })[0]; return c ? c.count : 0; }) };
      }),
    });
  }
  // The CPython column for one workload: CPython beside pymm's run of the same version.
  function cpythonBeside(section, w, runs) {
    var column = data.cpython;
    var own = column.runs.filter(function (c) { return c.workload === w.name; });
    section.appendChild(el('h3', {}, ['On CPython']));
    if (own.length === 0) {
      section.appendChild(el('p', { class: 'sub' }, ['The CPython column was skipped: ' + (column.skipped.join('; ') || 'no run') + '.']));
      return;
    }
    own.forEach(function (c) {
      var pymm = runs.filter(function (r) { return r.label === c.pymmLabel; })[0];
      var head = ['', 'CPython ' + c.patchVersion, 'pymm ' + (pymm ? pymm.label + ' (' + pymm.version + ')' : '')];
      var table = el('table', { class: 'cpython' }, [el('tr', {}, head.map(function (h) { return el('th', {}, [h]); }))]);
      var gens = function (xs) { return xs.join(' / '); };
      var rows = [
        ['stdout', c.stdoutMatches === null ? 'not compared' : c.stdoutMatches ? 'identical' : 'DIFFERS', c.stdoutMatches ? 'identical' : ''],
        ['exit code', String(c.exitCode), pymm ? String(pymm.program.exitCode) : ''],
        ['collections per generation', gens(c.gcStats.map(function (g) { return g.collections; })), pymm ? gens(pymm.collections) : ''],
        ['objects collected per generation', gens(c.gcStats.map(function (g) { return g.collected; })), ''],
        ['peak memory', c.peakRssBytes === null ? 'unknown' : bytes(c.peakRssBytes) + ' RSS (whole process)', pymm ? bytes(pymm.peakHeldBytes) + ' held by the allocator' : ''],
        ['wall time', fixed(c.wallMs, 0) + ' ms (process)', pymm ? fixed(pymm.wallMs, 0) + ' ms (simulated run)' : ''],
      ];
      rows.forEach(function (row) {
        table.appendChild(el('tr', { class: row[1] === 'DIFFERS' ? 'warn' : '' }, row.map(function (cell) { return el('td', {}, [cell]); })));
      });
      section.appendChild(table);
      var outputs = el('details', { class: 'stdout' }, [el('summary', {}, ['stdout: CPython and pymm' + (c.stdoutMatches === false ? ' (they differ)' : '')])]);
      outputs.appendChild(el('div', { class: 'pair' }, [el('pre', {}, [c.stdout || '(nothing)']), el('pre', {}, [pymm ? pymm.program.stdout || '(nothing)' : ''])]));
      if (c.exitCode !== 0) outputs.appendChild(el('pre', { class: 'warn' }, [c.stderr]));
      section.appendChild(outputs);
    });
  }
  // The column's summary, under the rankings.
  function cpythonSummary(container) {
    var column = data.cpython;
    var text;
    if (column.runs.length === 0) text = 'The CPython column was skipped: ' + column.skipped.join('; ') + '.';
    else {
      var differing = column.runs.filter(function (c) { return c.stdoutMatches === false; });
      text = 'Each Python program also ran on CPython ' + column.runs.map(function (c) { return c.patchVersion; }).filter(function (v, i, xs) { return xs.indexOf(v) === i; }).join(', ') +
        ': ' + (differing.length === 0 ? 'its stdout was identical to pymm\\'s every time' : 'stdout differed for ' + differing.map(function (c) { return c.workload; }).join(', ')) +
        (column.skipped.length ? ' (skipped: ' + column.skipped.join('; ') + ')' : '') + '.';
    }
    container.appendChild(el('p', { class: 'cpython-summary' + (text.indexOf('differed') >= 0 ? ' warn' : '') }, [text]));
  }
`;

/** The styles of the program parts. */
export const PROGRAM_SECTION_STYLE = `
.cpython-summary { background: #eef7f1; border-left: 4px solid #66a182; padding: 10px 14px; margin: 12px 0; }
.source-wrap { max-height: 640px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
table.source { margin: 0; }
table.source { table-layout: fixed; }
table.source th:nth-child(1) { width: 44px; }
table.source th:nth-child(2) { width: 50%; text-align: left; }
table.source th:nth-child(3) { width: 150px; }
table.source td { vertical-align: top; }
table.source td.code { text-align: left; white-space: pre; overflow: hidden; text-overflow: ellipsis; font: 12px/1.4 ui-monospace, monospace; }
table.source td.allocated { text-align: left; }
table.source td.note { text-align: left; white-space: normal; font-size: 12px; }
table.source tr.left-open td.code { background: #fbeaea; }
.bar { display: inline-block; height: 8px; background: var(--accent); vertical-align: middle; }
details.stdout .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
tr.warn td { color: #a33; font-weight: 600; }
`;
