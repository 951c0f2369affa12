/** What libraries print through. The action runtime maps it onto @actions/core, the CLI onto stderr. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Folds the output of `fn` under a heading (a collapsible group on the runner). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

/** Keeps every line, for tests and for reports built after the fact. */
export class MemoryLogger implements Logger {
  readonly lines: { level: 'debug' | 'info' | 'warning' | 'error'; message: string }[] = [];
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'info', message: `[${title}]` });
    return fn();
  }
  text(): string {
    return this.lines.map((l) => l.message).join('\n');
  }
}

/** Plain stderr logging for the CLI; debug lines only when asked. */
export class StreamLogger implements Logger {
  constructor(
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
    private readonly verbose = false,
  ) {}
  debug(message: string): void {
    if (this.verbose) this.write(`debug: ${message}\n`);
  }
  info(message: string): void {
    this.write(`${message}\n`);
  }
  warning(message: string): void {
    this.write(`warning: ${message}\n`);
  }
  error(message: string): void {
    this.write(`error: ${message}\n`);
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.write(`== ${title}\n`);
    return fn();
  }
}
