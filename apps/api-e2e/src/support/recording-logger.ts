import type { LoggerService } from '@nestjs/common';
import { inspect } from 'node:util';

/** Keeps every line the app logs, at every level, so a test can search them for secrets. */
export class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];

  log(message: unknown, ...params: unknown[]): void {
    this.record('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.record('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.record('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.record('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.record('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.record('fatal', message, params);
  }

  /** Everything logged so far as one text. */
  get text(): string {
    return this.lines.join('\n');
  }

  private record(level: string, message: unknown, params: unknown[]): void {
    const parts = [message, ...params].map((part) =>
      typeof part === 'string' ? part : inspect(part, { depth: 6, breakLength: Infinity }),
    );
    this.lines.push(`${level} ${parts.join(' ')}`);
  }
}
