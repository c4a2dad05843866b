import * as vega from 'vega';

/** One bar: a contender's figure for an operation at a connection level. */
export interface Bar {
  panel: string;
  /** Position of the panel, top first. */
  panelOrder: number;
  operation: string;
  contender: string;
  value: number;
}

export interface GroupedBarsOptions {
  title: string;
  /** Axis title of the value, e.g. "requests/s". */
  unit: string;
  /** Contender labels in legend order (colours are given in this order). */
  contenders: string[];
  /** Operation labels in axis order. */
  operations: string[];
}

const PANEL_WIDTH = 860;
const PANEL_HEIGHT = 240;

/**
 * A grouped bar chart as SVG, rendered by Vega in Node (no canvas or browser): one panel per
 * connection level, a group of bars per operation, one bar per contender, each labelled with its
 * value. Each panel has its own value axis (1 and 50 connections differ by an order of magnitude).
 */
export async function groupedBarsSvg(bars: Bar[], options: GroupedBarsOptions): Promise<string> {
  const spec: vega.Spec = {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    title: { text: options.title, anchor: 'start', fontSize: 15 },
    padding: 10,
    background: 'white',
    layout: { columns: 1, padding: 28, bounds: 'full', align: 'each' },
    data: [{ name: 'bars', values: bars }],
    scales: [
      { name: 'color', type: 'ordinal', domain: options.contenders, range: 'category' },
      { name: 'operation', type: 'band', domain: options.operations, range: [0, PANEL_WIDTH], padding: 0.18 },
    ],
    legends: [{ fill: 'color', orient: 'top', direction: 'horizontal', labelLimit: 260, columnPadding: 16 }],
    marks: [
      {
        type: 'group',
        name: 'panel',
        from: { facet: { data: 'bars', name: 'panelBars', groupby: ['panelOrder', 'panel'] } },
        sort: { field: 'datum.panelOrder', order: 'ascending' },
        encode: { enter: { width: { value: PANEL_WIDTH }, height: { value: PANEL_HEIGHT } } },
        title: { text: { signal: 'parent.panel' }, anchor: 'start', fontSize: 12 },
        scales: [{ name: 'value', type: 'linear', domain: { data: 'panelBars', field: 'value' }, range: [PANEL_HEIGHT, 0], nice: true, zero: true }],
        axes: [
          { orient: 'bottom', scale: 'operation', labelAngle: 0, labelLimit: 170 },
          { orient: 'left', scale: 'value', title: options.unit, grid: true, tickCount: 6 },
        ],
        marks: [
          {
            type: 'group',
            from: { facet: { data: 'panelBars', name: 'operationBars', groupby: 'operation' } },
            encode: { enter: { x: { scale: 'operation', field: 'operation' }, width: { scale: 'operation', band: 1 } } },
            signals: [{ name: 'groupWidth', update: "bandwidth('operation')" }],
            scales: [{ name: 'slot', type: 'band', domain: options.contenders, range: { signal: '[0, groupWidth]' }, padding: 0.08 }],
            marks: [
              {
                name: 'bar',
                type: 'rect',
                from: { data: 'operationBars' },
                encode: {
                  enter: {
                    x: { scale: 'slot', field: 'contender' },
                    width: { scale: 'slot', band: 1 },
                    y: { scale: 'value', field: 'value' },
                    y2: { scale: 'value', value: 0 },
                    fill: { scale: 'color', field: 'contender' },
                  },
                },
              },
              {
                type: 'text',
                from: { data: 'bar' },
                encode: {
                  enter: {
                    x: { field: 'x', offset: { field: 'width', mult: 0.5 } },
                    y: { field: 'y', offset: -3 },
                    align: { value: 'center' },
                    baseline: { value: 'bottom' },
                    fontSize: { value: 8 },
                    fill: { value: '#333' },
                    text: { signal: "datum.datum.value >= 100 ? format(datum.datum.value, '.0f') : format(datum.datum.value, '.3~r')" },
                  },
                },
              },
            ],
          },
        ],
      },
    ],
  };
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
