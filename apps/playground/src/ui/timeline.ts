/**
 * The timeline: each pane's live bytes (and the bytes its allocator holds) statement by statement,
 * its collections as marks, and a cursor at the current step; a click jumps to that step. Drawn
 * with echarts, as the comparison report is.
 *
 * @module
 */

import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { PaneRun } from '../engine/session.js';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c'];

/** The cursor: a series of its own, so that moving it leaves the long series alone. */
function cursorSeries(step: number) {
  return {
    id: 'cursor',
    name: 'step',
    type: 'line' as const,
    data: [],
    markLine: {
      symbol: 'none',
      silent: true,
      label: { show: false },
      lineStyle: { color: '#111', type: 'solid' as const, width: 2 },
      data: [{ xAxis: step }],
    },
  };
}

/** The page's timeline chart. */
export class Timeline {
  private readonly chart: echarts.ECharts;

  constructor(host: HTMLElement, onJump: (step: number) => void) {
    this.chart = echarts.init(host, undefined, { renderer: 'svg' });
    this.chart.getZr().on('click', (event) => {
      const [step] = this.chart.convertFromPixel({ gridIndex: 0 }, [event.offsetX, event.offsetY]);
      if (Number.isFinite(step)) onJump(Math.max(1, Math.round(step)));
    });
    new ResizeObserver(() => this.chart.resize()).observe(host);
  }

  /** Draws the panes' runs with the cursor at `step`. */
  show(panes: readonly PaneRun[], step: number): void {
    const label = (p: PaneRun) => `${p.pane.strategy}${p.pane.profile ? ` ${p.pane.profile}` : ''}`;
    const series = panes.flatMap((pane, i) => {
      const points = (values: number[]) => values.map((v, s) => [s + 1, v / 1024]);
      return [
        {
          name: `${label(pane)} live`,
          type: 'line' as const,
          showSymbol: false,
          step: 'end' as const,
          color: COLOURS[i],
          data: points(pane.timeline.liveBytes),
          markLine: {
            symbol: 'none',
            silent: true,
            label: { show: false },
            lineStyle: { color: COLOURS[i], type: 'dashed' as const, opacity: 0.6 },
            data: [
              ...pane.timeline.collections.map((c) => ({ xAxis: c.step })),
              ...(i === 0
                ? [
                    {
                      xAxis: step,
                      lineStyle: { color: '#111', type: 'solid' as const, width: 2, opacity: 1 },
                    },
                  ]
                : []),
            ],
          },
        },
        {
          name: `${label(pane)} held`,
          type: 'line' as const,
          showSymbol: false,
          step: 'end' as const,
          color: COLOURS[i],
          lineStyle: { type: 'dotted' as const },
          data: points(pane.timeline.heldBytes),
        },
      ];
    });
    this.chart.setOption(
      {
        animation: false,
        grid: { left: 50, right: 12, top: 28, bottom: 24 },
        legend: { top: 0, textStyle: { fontSize: 10 }, data: series.map((s) => s.name) },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(1)} KiB` },
        xAxis: { type: 'value', min: 1, max: Math.max(1, ...panes.map((p) => p.steps)), name: 'step' },
        yAxis: { type: 'value', name: 'KiB' },
        series: [...series, cursorSeries(step)],
      },
      { notMerge: true },
    );
  }

  /** Moves the cursor (only the cursor is drawn again). */
  setStep(step: number): void {
    this.chart.setOption({ series: [cursorSeries(step)] });
  }
}
