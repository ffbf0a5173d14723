/**
 * One pane: its strategy and profile, why its run ended early (if it did), the collection phases
 * of the statement just run (a button per phase; the chosen phase's values are drawn on the
 * objects), and the heap picture.
 *
 * @module
 */

import type { PanePicture } from '../engine/pane-picture.js';
import type { PaneConfig, PaneRun } from '../engine/session.js';
import { PANE_STRATEGIES } from '../engine/strategies.js';
import { annotate, type HeapGraph } from './heap-graph.js';
import { drawHeap } from './heap-view.js';
import { type PhaseStep, phaseSteps } from './phases.js';

/** What a pane's controls ask of the page. */
export interface PaneEvents {
  change(pane: PaneConfig): void;
  remove(): void;
}

/** A pane of the page. */
export class PaneView {
  readonly element: HTMLElement;
  private readonly heap: HTMLElement;
  private readonly phases: HTMLElement;
  private readonly message: HTMLElement;
  private readonly expanded = new Set<string>();
  private phase = -1;
  private steps: PhaseStep[] = [];
  private graph: HeapGraph | null = null;

  constructor(
    config: PaneConfig,
    index: number,
    removable: boolean,
    private readonly events: PaneEvents,
    /** Asks the page for the step again with a group expanded. */
    private readonly onExpand: (expanded: readonly string[]) => void,
  ) {
    this.element = document.createElement('section');
    this.element.className = 'pane';
    this.element.dataset.index = String(index);
    this.element.dataset.strategy = config.strategy;
    const header = document.createElement('header');
    const strategy = select(
      PANE_STRATEGIES.map((s) => s.name),
      config.strategy,
      'strategy',
    );
    strategy.title = PANE_STRATEGIES.find((s) => s.name === config.strategy)?.summary ?? '';
    const profiles = PANE_STRATEGIES.find((s) => s.name === config.strategy)?.profiles ?? [];
    header.append(strategy);
    strategy.addEventListener('change', () => events.change({ strategy: strategy.value }));
    if (profiles.length > 0) {
      const profile = select(profiles, config.profile ?? profiles[0], 'profile');
      profile.addEventListener('change', () =>
        events.change({ strategy: config.strategy, profile: profile.value }),
      );
      header.append(profile);
    }
    if (removable) {
      const remove = document.createElement('button');
      remove.textContent = '×';
      remove.title = 'remove this pane';
      remove.className = 'remove-pane';
      remove.addEventListener('click', () => events.remove());
      header.append(remove);
    }
    this.message = document.createElement('p');
    this.message.className = 'pane-message';
    this.phases = document.createElement('div');
    this.phases.className = 'phases';
    this.heap = document.createElement('div');
    this.heap.className = 'heap-host';
    this.element.append(header, this.message, this.phases, this.heap);
  }

  /** The pane's whole run (its message). */
  showRun(run: PaneRun | undefined): void {
    this.message.textContent = run?.message ?? '';
  }

  /** The groups expanded in this pane. */
  get expandedGroups(): string[] {
    return [...this.expanded];
  }

  /** The pane at a new step: `picture.events` are the statement before's, phase by phase. */
  async showStep(picture: PanePicture): Promise<void> {
    this.graph = picture.graph;
    const steps = phaseSteps(picture.events);
    const sameSteps =
      steps.length === this.steps.length && steps.every((s, i) => s.name === this.steps[i].name);
    this.steps = steps;
    if (!sameSteps || this.phase >= steps.length) this.phase = -1;
    this.drawPhases();
    await this.draw();
  }

  private drawPhases(): void {
    this.phases.replaceChildren();
    if (this.steps.length === 0) return;
    const title = document.createElement('span');
    title.textContent = 'collection phases: ';
    this.phases.append(title);
    this.steps.forEach((step, i) => {
      const button = document.createElement('button');
      button.className = `phase-button${i === this.phase ? ' selected' : ''}`;
      button.dataset.phase = step.name;
      button.textContent = `${step.name} (${step.values.size})`;
      button.title = `collection ${step.collection + 1}, generation ${step.generation}`;
      button.addEventListener('click', () => {
        this.phase = this.phase === i ? -1 : i;
        this.drawPhases();
        void this.draw();
      });
      this.phases.append(button);
    });
  }

  private async draw(): Promise<void> {
    if (!this.graph) {
      this.heap.textContent = 'the program has ended on this pane';
      return;
    }
    const graph = annotate(this.graph, this.phase >= 0 ? this.steps[this.phase].values : new Map());
    try {
      await drawHeap(this.heap, graph, (key) => {
        this.expanded.add(key);
        this.onExpand(this.expandedGroups);
      });
    } catch (error) {
      this.heap.textContent = `the picture could not be laid out (${graph.nodes.length} boxes, ${graph.edges.length} arrows): ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

function select(options: readonly string[], value: string, name: string): HTMLSelectElement {
  const element = document.createElement('select');
  element.name = name;
  for (const option of options) element.add(new Option(option, option, false, option === value));
  return element;
}
