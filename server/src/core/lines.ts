// Offsets <-> (line, character) for one text. Lines end where the LSP
// specification ends them: at "\n", "\r\n" or a lone "\r" (as editors and
// vscode-languageserver-textdocument count them, so that a position means the
// same place to the client and to us); the line break is not part of the line.

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
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    // Never between the "\r" and the "\n" of one line break: that is the end of the line.
    const inBreak = clamped > this.starts[low] && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13;
    return { line: low, character: clamped - this.starts[low] - (inBreak ? 1 : 0) };
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
