/**
 * Positions in Python source, counted as CPython counts them: lines from 1, columns in UTF-8
 * bytes from the start of the line (`col_offset`), and, for `SyntaxError.offset`, in characters
 * from 1.
 *
 * @example
 * ```ts
 * import { SourceText } from './source-positions.js';
 * const text = new SourceText('é = 1\nx = é\n');
 * text.lineOf(6); // 2
 * text.byteColumn(10); // 4, the column of the second 'é' (ast's col_offset)
 * text.byteColumn(11); // 6, as 'é' takes two bytes in UTF-8 (ast's end_col_offset)
 * text.lineText(2); // 'x = é'
 * ```
 */

/** A source string with its line table, for turning string indices into CPython positions. */
export class SourceText {
  /** String index (UTF-16 code units) where each line starts; line n is `lineStarts[n - 1]`. */
  readonly lineStarts: number[];
  /** Whether each line is pure ASCII (byte column = string column). */
  private readonly asciiLine: boolean[];

  constructor(readonly text: string) {
    this.lineStarts = [0];
    this.asciiLine = [];
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        this.asciiLine.push(ascii);
        ascii = true;
        this.lineStarts.push(i + 1);
      } else if (c > 127) ascii = false;
    }
    this.asciiLine.push(ascii);
  }

  /** Number of lines (a final line without a newline counts). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line holding string index `index`. */
  lineOf(index: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** UTF-8 byte column (0-based) of string index `index` within its line. */
  byteColumn(index: number, line = this.lineOf(index)): number {
    const start = this.lineStarts[line - 1];
    if (this.asciiLine[line - 1]) return index - start;
    return utf8Length(this.text, start, index);
  }

  /** Character column (0-based, code points) of string index `index` within its line. */
  charColumn(index: number, line = this.lineOf(index)): number {
    const start = this.lineStarts[line - 1];
    let n = 0;
    for (let i = start; i < index; i++) {
      const c = this.text.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }

  /** String index of 0-based UTF-8 byte column `byteCol` on 1-based line `line`. */
  indexOf(line: number, byteCol: number): number {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    if (this.asciiLine[line - 1]) return start + byteCol;
    let bytes = 0;
    let i = start;
    while (bytes < byteCol && i < this.text.length) {
      const cp = this.text.codePointAt(i)!;
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += cp > 0xffff ? 2 : 1;
    }
    return i;
  }

  /** Text of 1-based line `line`, without its line ending. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}

/** Number of UTF-8 bytes of `text.slice(from, to)` (a lone surrogate counts 3, as CPython's surrogatepass). */
export function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
