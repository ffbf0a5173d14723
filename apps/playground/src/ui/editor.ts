/**
 * The editor: CodeMirror 6 with Python highlighting, the program's errors as diagnostics on their
 * line, and the line about to run marked.
 *
 * @module
 */

import { python } from '@codemirror/lang-python';
import { type Diagnostic as LintDiagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { type Extension, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Diagnostic } from '../engine/diagnostics.js';

const setCurrentLine = StateEffect.define<number>();

/** The decoration of the line about to run (0: none). */
const currentLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let out = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setCurrentLine)) continue;
      const doc = transaction.state.doc;
      out =
        effect.value >= 1 && effect.value <= doc.lines
          ? Decoration.set([Decoration.line({ class: 'cm-step-line' }).range(doc.line(effect.value).from)])
          : Decoration.none;
    }
    return out;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The page's editor. */
export class Editor {
  readonly view: EditorView;

  constructor(parent: HTMLElement, source: string, onChange: (source: string) => void) {
    const extensions: Extension[] = [
      basicSetup,
      python(),
      lintGutter(),
      currentLine,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ];
    this.view = new EditorView({ doc: source, extensions, parent });
  }

  get source(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole program. */
  setSource(source: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: source } });
  }

  /** Shows `diagnostics` (1-based lines and columns) as the editor's lint diagnostics. */
  setDiagnostics(diagnostics: readonly Diagnostic[]): void {
    const doc = this.view.state.doc;
    const marks: LintDiagnostic[] = diagnostics.map((d) => {
      const line = doc.line(Math.min(Math.max(1, d.line), doc.lines));
      const from = Math.min(line.from + Math.max(0, d.column - 1), line.to);
      return { from, to: Math.max(from, line.to), severity: d.severity, message: d.message };
    });
    this.view.dispatch(setDiagnostics(this.view.state, marks));
  }

  /** Marks `line` as the one about to run (0 or past the end: none). */
  setCurrentLine(line: number): void {
    this.view.dispatch({ effects: setCurrentLine.of(line) });
  }
}
