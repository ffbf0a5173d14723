/**
 * Snapshot files written by hand for tests: a header and records, from a plain description of
 * objects.
 *
 * @module
 */

/** One object of a test snapshot. */
export interface TestObject {
  readonly id: number;
  /** Generation, -1 when untracked (default 0). */
  readonly generation?: number;
  readonly type?: string;
  readonly size?: number;
  readonly refcount: number;
  readonly refs?: readonly number[];
  readonly labels?: readonly string[];
  readonly finalizer?: boolean;
}

/** The text of a snapshot holding `objects` (types numbered in order of first use). */
export function snapshotText(objects: readonly TestObject[], python = '3.12.1'): string {
  const lines = [
    `{"format":"pymm-snapshot","version":1,"python":"${python}","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}`,
  ];
  const types = new Map<string, number>();
  let edges = 0;
  for (const o of objects) {
    const type = o.type ?? 'builtins.list';
    if (!types.has(type)) {
      types.set(type, types.size);
      lines.push(JSON.stringify(['t', types.get(type), type, o.finalizer ?? false]));
    }
    const refs = o.refs ?? [];
    edges += refs.length;
    lines.push(
      JSON.stringify([
        'o',
        o.id,
        o.generation ?? 0,
        types.get(type),
        o.size ?? 16,
        o.refcount,
        `<${type}>`,
        refs,
        o.labels ?? null,
        -1,
      ]),
    );
  }
  lines.push(JSON.stringify(['end', objects.length, edges]));
  return `${lines.join('\n')}\n`;
}
