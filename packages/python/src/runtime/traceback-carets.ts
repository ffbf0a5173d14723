/**
 * The position markers under a traceback's source line (PEP 657): `^` under the instruction that
 * failed, or, for a binary operation, a subscript (and, from 3.13, a call), `~` under the operands
 * and `^` under the operator, the brackets or the parentheses. 3.11 and 3.12 print them as
 * `Python/traceback.c` does (`tb_displayline`, `extract_anchors_from_expr`): omitted when a plain
 * `^` range would cover the whole stripped line; an instruction over several lines is marked to
 * the end of its first line. 3.13 prints them as `Lib/traceback.py` does
 * (`_should_show_carets`): shown when there are anchors or text beside the range, except for
 * `return f(...)` and `name = f(...)` where the call is the whole statement.
 *
 * @module
 */

import type { CPythonVersion } from '@pymm/core';
import type { Located } from '../ast-nodes.js';

/** What a traceback entry knows of the instruction that was running: its node (a located AST node). */
export type Instruction = Located & { readonly _type: string };

/** The parts of the nodes that have anchors. */
type Anchored = Instruction & {
  readonly left: Located;
  readonly right: Located;
  readonly value: Located;
  readonly slice: Located;
  readonly func: Instruction;
};

const encoder = new TextEncoder();

/** The character index of UTF-8 byte offset `offset` in `line` (`_PyPegen_byte_offset_to_character_offset`). */
function charOffset(line: string, offset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < line.length && bytes < offset) {
    const code = line.codePointAt(i)!;
    bytes += encoder.encode(String.fromCodePoint(code)).length;
    i += code > 0xffff ? 2 : 1;
  }
  return i;
}

const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\f' || ch === '\n';

/** Anchors `[leftEnd, rightStart)` (line character offsets) of the secondary range, or null. */
function anchors(
  version: CPythonVersion,
  line: string,
  node: Anchored,
  end: number,
): [number, number] | null {
  switch (node._type) {
    case 'BinOp': {
      const leftEnd = charOffset(line, node.left.end_col_offset);
      const rightStart = charOffset(line, node.right.col_offset);
      for (let i = leftEnd; i < rightStart; i++) {
        if (isSpace(line[i])) continue;
        if (line[i] === ')' && i + 1 < rightStart) continue;
        let right = i + 1;
        if (i + 1 < rightStart && !isSpace(line[i + 1]) && line[i + 1] !== '\\' && line[i + 1] !== '#')
          right++;
        return [i, right];
      }
      return null;
    }
    case 'Subscript': {
      let left = charOffset(line, node.value.end_col_offset);
      while (left < end && line[left] !== '[') left++;
      if (version === '3.13') return [left, end];
      let right = charOffset(line, node.slice.end_col_offset) + 1;
      while (right < end && line[right] !== ']') right++;
      if (right < end) right++;
      return [left, right];
    }
    case 'Call': {
      if (version !== '3.13') return null;
      let left = charOffset(line, node.func.end_col_offset);
      while (left < end && line[left] !== '(') left++;
      return [left, end];
    }
    default:
      return null;
  }
}

/** 3.13's `_should_show_carets` for a one-line instruction. */
function showCarets313(
  line: string,
  node: Instruction,
  start: number,
  end: number,
  anchored: boolean,
): boolean {
  const before = line.slice(0, start).trim();
  const after = line.slice(end).trim();
  if (node._type === 'Call' && (after === '' || after.startsWith('#') || after.startsWith(';'))) {
    if (before === 'return' && (node as Anchored).func._type === 'Name') return false;
    if (/^[\p{L}_][\p{L}\p{N}_]*\s*=$/u.test(before)) return false;
  }
  if (anchored) return true;
  return before !== '' || after !== '';
}

/**
 * The marker line (with its four-space indent and newline) under `line`, the source line of
 * `node`'s first line, or '' when the version prints none there.
 */
export function caretLine(version: CPythonVersion, line: string, node: Instruction): string {
  const start = charOffset(line, node.col_offset);
  const oneLine = node.lineno === node.end_lineno;
  if (!oneLine && version === '3.13') return '';
  const end = oneLine ? charOffset(line, node.end_col_offset) : line.trimEnd().length;
  if (end <= start) return '';
  const range = oneLine ? anchors(version, line, node as Anchored, end) : null;
  const indent = line.length - line.trimStart().length;
  if (version === '3.13') {
    if (!showCarets313(line, node, start, end, range !== null)) return '';
  } else if (end - start === line.trim().length && range === null) {
    return '';
  }
  const primary = range ? '~' : '^';
  let out = '    ';
  for (let c = indent; c < end; c++) {
    if (c < start) out += ' ';
    else if (range && c >= range[0] && c < range[1]) out += '^';
    else out += primary;
  }
  return `${out}\n`;
}
