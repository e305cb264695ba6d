/** Where a status line is drawn: a terminal (stderr), or a test's recorder. */
export interface LineSink {
  write(text: string): unknown;
}

const ERASE_LINE = '\r\x1b[K';

/**
 * One line of live status at the bottom of a terminal, shared with the log lines written to the same
 * terminal: a log line first erases the status line, starts at column 0 and ends with its newline, and
 * the status is drawn again under it. Without this, a log line is glued to the status text
 * (`…0 records{"level":30,…}`). Pass it to the logger as its destination.
 */
export class StatusLine {
  private readonly sink: LineSink;
  private shown = '';

  constructor(sink: LineSink) {
    this.sink = sink;
  }

  /** Replaces the status text. */
  show(text: string): void {
    this.shown = text.replace(/[\r\n]/g, ' ');
    this.sink.write(`${ERASE_LINE}${this.shown}`);
  }

  /** Erases the status line, so that what follows (a summary, a prompt) starts on a clean line. */
  clear(): void {
    if (this.shown === '') return;
    this.shown = '';
    this.sink.write(ERASE_LINE);
  }

  /** A log line (pino destination): written on its own line, under which the status is drawn again. */
  write(line: string): void {
    if (this.shown === '') {
      this.sink.write(line);
      return;
    }
    this.sink.write(`${ERASE_LINE}${line.endsWith('\n') ? line : `${line}\n`}${this.shown}`);
  }
}
