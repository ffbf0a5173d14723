/**
 * The page: the editor, the step controls, the console, the timeline and one to three panes,
 * driven by the interpreter's Web Worker. The program, its panes and the step live in the URL's
 * hash, so that a link shows the same view.
 *
 * @module
 */

import './style.css';
import type { CPythonVersion } from '@pymm/core';
import type { PanePicture } from './engine/pane-picture.js';
import type { WorkerRequest, WorkerResponse } from './engine/protocol.js';
import { MAX_PANES, type PaneConfig, type ProgramConfig, type ProgramRun } from './engine/session.js';
import { EXAMPLES } from './examples.js';
import { Editor } from './ui/editor.js';
import { PaneView } from './ui/pane-view.js';
import { decodeView, encodeView } from './ui/share.js';
import { Timeline } from './ui/timeline.js';
import PlaygroundWorker from './worker.ts?worker&inline';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const shared = decodeView(location.hash);
let config: ProgramConfig = shared ?? {
  source: EXAMPLES[0].source,
  version: '3.11',
  panes: EXAMPLES[0].panes,
};
let wantedStep = shared?.step ?? 1;
let run: ProgramRun | null = null;
let step = 1;
let paneViews: PaneView[] = [];

const worker = new PlaygroundWorker();
let nextId = 1;
let latestRun = 0;
let latestStep = 0;

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

function send(request: Request): number {
  const id = nextId++;
  worker.postMessage({ ...request, id });
  return id;
}

const editor = new Editor($('editor'), config.source, (source) => {
  config = { ...config, source };
  wantedStep = 1;
  scheduleRun();
});
const timeline = new Timeline($('timeline'), (s) => goTo(s));

let runTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleRun(): void {
  clearTimeout(runTimer);
  runTimer = setTimeout(startRun, 500);
}

function startRun(): void {
  document.body.dataset.busy = '1';
  latestRun = send({ kind: 'run', config });
}

function buildPanes(): void {
  const host = $('panes');
  paneViews = config.panes.map(
    (pane, i) =>
      new PaneView(
        pane,
        i,
        config.panes.length > 1,
        {
          change: (changed) => setPanes(config.panes.map((p, k) => (k === i ? changed : p))),
          remove: () => setPanes(config.panes.filter((_, k) => k !== i)),
        },
        () => goTo(step),
      ),
  );
  host.replaceChildren(...paneViews.map((v) => v.element));
  $<HTMLButtonElement>('add-pane').disabled = config.panes.length >= MAX_PANES;
}

function setPanes(panes: readonly PaneConfig[]): void {
  config = { ...config, panes };
  wantedStep = step;
  buildPanes();
  startRun();
}

function goTo(target: number): void {
  if (!run || run.lastStep === 0) return;
  const direction = target < step ? -1 : 1;
  step = Math.min(Math.max(1, target), run.lastStep);
  document.body.dataset.busy = '1';
  const expanded = paneViews.map((view) => view.expandedGroups);
  latestStep = send({ kind: 'step', config, step, lastStep: run.lastStep, direction, expanded });
}

worker.onmessage = async (event: MessageEvent<WorkerResponse>) => {
  const message = event.data;
  if (message.kind === 'ready') return;
  if (message.kind === 'error') {
    showConsole('', `playground error: ${message.message}\n`);
    document.body.dataset.busy = '0';
    return;
  }
  if (message.kind === 'run') {
    if (message.id !== latestRun) return;
    run = message.run;
    document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
    editor.setDiagnostics(run.diagnostics);
    for (const [i, view] of paneViews.entries()) view.showRun(run?.panes[i]);
    if (run.panes.length === 0) {
      showConsole('', run.diagnostics.map((d) => `line ${d.line}: ${d.message}\n`).join(''));
      editor.setCurrentLine(0);
      $('step-label').textContent = 'not run';
      document.body.dataset.busy = '0';
      return;
    }
    timeline.show(run.panes, wantedStep);
    goTo(wantedStep);
    return;
  }
  if (message.id !== latestStep) return;
  await showStep(message.panes, message.ms);
};

async function showStep(panes: readonly PanePicture[], ms: number): Promise<void> {
  const received = performance.now();
  const first = panes[0];
  const line = first.line;
  const endLine = run?.panes[0]?.endLine ?? 0;
  editor.setCurrentLine(line >= endLine ? 0 : line);
  // One console when the panes agree; a section per pane when their output differs (gc.collect() on refcount).
  const same = panes.every((p) => p.stdout === first.stdout && p.stderr === first.stderr);
  if (same) showConsole(first.stdout, first.stderr);
  else
    showConsoleSections(
      panes.map((p, i) => ({ title: paneLabel(config.panes[i]), stdout: p.stdout, stderr: p.stderr })),
    );
  await Promise.all(paneViews.map((view, i) => view.showStep(panes[i])));
  const where = line >= endLine ? 'the end of the program' : `line ${line}`;
  $('step-label').textContent = `step ${step} of ${run?.lastStep ?? 0}: ${where}`;
  timeline.setStep(step);
  history.replaceState(null, '', encodeView({ ...config, step }));
  document.body.dataset.step = String(step);
  document.body.dataset.stepMs = ms.toFixed(1);
  document.body.dataset.drawMs = (performance.now() - received).toFixed(1);
  document.body.dataset.busy = '0';
}

function showConsole(stdout: string, stderr: string): void {
  showConsoleSections([{ title: '', stdout, stderr }]);
}

function showConsoleSections(sections: readonly { title: string; stdout: string; stderr: string }[]): void {
  const parts = sections.flatMap((section) => {
    const title = document.createElement('span');
    title.className = 'console-title';
    title.textContent = section.title ? `── ${section.title} ──\n` : '';
    const out = document.createElement('span');
    out.className = 'stdout';
    out.textContent = section.stdout;
    const err = document.createElement('span');
    err.className = 'stderr';
    err.textContent = section.stderr;
    return [title, out, err];
  });
  $('console').replaceChildren(...parts);
}

function paneLabel(pane: PaneConfig): string {
  return pane.profile ? `${pane.strategy} ${pane.profile}` : pane.strategy;
}

/** The first step after the current one (wrapping to the start) whose statement is on `line`. */
function stepOnLine(line: number): number | null {
  const lines = run?.panes[0]?.timeline.lines ?? [];
  for (let k = 1; k <= lines.length; k++) {
    const s = ((step - 1 + k) % lines.length) + 1;
    if (lines[s - 1] === line) return s;
  }
  return null;
}

$('step-first').addEventListener('click', () => goTo(1));
$('step-back').addEventListener('click', () => goTo(step - 1));
$('step-forward').addEventListener('click', () => goTo(step + 1));
$('step-last').addEventListener('click', () => goTo(run?.lastStep ?? 1));
$('next-collection').addEventListener('click', () => {
  // A collection during statement s shows from step s + 1.
  const after = run?.panes
    .flatMap((p) => p.timeline.collections.map((c) => c.step + 1))
    .filter((s) => s > step);
  if (after && after.length > 0) goTo(Math.min(...after));
});
$('run-to-line').addEventListener('click', () => {
  const found = stepOnLine(Number($<HTMLInputElement>('line').value));
  if (found !== null) goTo(found);
});
$('add-pane').addEventListener('click', () => {
  if (config.panes.length < MAX_PANES)
    setPanes([...config.panes, { strategy: 'mark-sweep', profile: 'incremental' }]);
});
$('share').addEventListener('click', async () => {
  const link = `${location.href.split('#')[0]}${encodeView({ ...config, step })}`;
  history.replaceState(null, '', encodeView({ ...config, step }));
  await navigator.clipboard?.writeText(link).catch(() => undefined);
  $('share').textContent = 'link copied';
  setTimeout(() => {
    $('share').textContent = 'share link';
  }, 1500);
});

const examples = $<HTMLSelectElement>('examples');
examples.add(new Option('(choose an example)', ''));
for (const example of EXAMPLES) examples.add(new Option(example.name, example.name));
examples.addEventListener('change', () => {
  const example = EXAMPLES.find((e) => e.name === examples.value);
  if (!example) return;
  config = { ...config, source: example.source, panes: example.panes };
  wantedStep = 1;
  clearTimeout(runTimer);
  editor.setSource(example.source);
  clearTimeout(runTimer);
  buildPanes();
  startRun();
});
const version = $<HTMLSelectElement>('version');
version.value = config.version;
version.addEventListener('change', () => {
  config = { ...config, version: version.value as CPythonVersion };
  wantedStep = step;
  startRun();
});

buildPanes();
startRun();
