// Offsets <-> (line, character) for one text. Lines end where the LSP
// specification ends them: at "\n", "\r\n" or a lone "\r" (as editors and
// vscode-languageserver-textdocument count them, so that a position means the
// same place to the client and to us); the line break is not part of the line.
import { countBefore } from './spans';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 offset inside the line. */
  character: number;
}

export class LineMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // The last line starting at or before the offset (the first starts at 0).
    const line = countBefore(this.starts, (start) => start <= clamped) - 1;
    // Never between the "\r" and the "\n" of one line break: that is the end of the line.
    const inBreak = clamped > this.starts[line] && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13;
    return { line, character: clamped - this.starts[line] - (inBreak ? 1 : 0) };
  }

  /** The 1-based line and column of `offset`, as compilers print them ("file:12:5"). */
  lineColumn(offset: number): { line: number; column: number } {
    const { line, character } = this.positionAt(offset);
    return { line: line + 1, column: character + 1 };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of the line's characters (before "\r\n", "\n" or "\r"). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1] - 1;
    // "\r\n": the "\r" belongs to the break too.
    return this.text.charCodeAt(next) === 10 && next > this.starts[line] && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
