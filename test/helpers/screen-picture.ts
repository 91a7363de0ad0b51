import { Terminal, type IBufferCell } from '@xterm/headless';

/**
 * A headless terminal emulator (xterm.js) fed with what the dashboard writes:
 * its buffer is the screen a user sees — after Ink's cursor moves, erases
 * and in-place updates — not the lines the code meant to draw.
 */
export class HeadlessScreen {
  readonly terminal: Terminal;

  constructor(columns: number, rows: number) {
    // convertEol: a terminal's tty turns each \n into \r\n on the way out (ONLCR).
    this.terminal = new Terminal({ cols: columns, rows, allowProposedApi: true, scrollback: 0, convertEol: true });
  }

  /** Resolves once xterm has parsed `data` (it parses asynchronously). */
  write(data: string): Promise<void> {
    return new Promise((resolve) => {
      this.terminal.write(data, resolve);
    });
  }

  resize(columns: number, rows: number): void {
    this.terminal.resize(columns, rows);
  }

  /** The screen's text, one string per row, trailing blanks kept (the picture is exact). */
  textLines(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < this.terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(false) ?? '');
    return lines;
  }

  /**
   * The screen as a reviewable picture: the text in a frame, then, for each
   * row with styles, its runs of styled cells (`3: 0-59 inverse · 24-25 green`).
   */
  picture(): string {
    const text = this.textLines();
    const width = this.terminal.cols;
    const lines = [`┌${'─'.repeat(width)}┐`, ...text.map((line) => `│${line}│`), `└${'─'.repeat(width)}┘`];
    const styles = text.map((_line, row) => styleRuns(this.terminal, row)).map((runs, row) => (runs === '' ? '' : `${String(row).padStart(2)}: ${runs}`)).filter((line) => line !== '');
    return [...lines, ...(styles.length > 0 ? ['styles (row: columns style)', ...styles] : ['no styles']), ''].join('\n');
  }
}

const COLOR_NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

function cellStyle(cell: IBufferCell): string {
  const parts: string[] = [];
  if (cell.isBold()) parts.push('bold');
  if (cell.isDim()) parts.push('dim');
  if (cell.isItalic()) parts.push('italic');
  if (cell.isUnderline()) parts.push('underline');
  if (cell.isInverse()) parts.push('inverse');
  if (cell.isFgPalette()) parts.push(COLOR_NAMES[cell.getFgColor()] ?? `fg${cell.getFgColor()}`);
  else if (cell.isFgRGB()) parts.push(`fg#${cell.getFgColor().toString(16).padStart(6, '0')}`);
  if (cell.isBgPalette()) parts.push(`on-${COLOR_NAMES[cell.getBgColor()] ?? `bg${cell.getBgColor()}`}`);
  else if (cell.isBgRGB()) parts.push(`on-#${cell.getBgColor().toString(16).padStart(6, '0')}`);
  return parts.join('+');
}

/** `0-59 inverse · 24-25 green`: the row's runs of cells with the same style, unstyled ones left out. */
function styleRuns(terminal: Terminal, row: number): string {
  const buffer = terminal.buffer.active;
  const line = buffer.getLine(buffer.viewportY + row);
  if (line === undefined) return '';
  const runs: string[] = [];
  let start = 0;
  let current = '';
  const close = (end: number) => {
    if (current !== '') runs.push(`${start}-${end} ${current}`);
  };
  for (let column = 0; column < terminal.cols; column++) {
    const cell = line.getCell(column);
    const style = cell === undefined ? '' : cellStyle(cell);
    if (style !== current) {
      close(column - 1);
      start = column;
      current = style;
    }
  }
  close(terminal.cols - 1);
  return runs.join(' · ');
}
