/**
 * The semantic pass's error sink: it knows the file and the source map, so checks name a data
 * path and get a located PlanError.
 */
import { planError, type PlanError, type PlanErrorCode } from './parse-errors.ts';
import type { Path, SourceMap } from './parse-yaml.ts';
import type { SourceLocation } from './plan.ts';

export class ParseContext {
  readonly errors: PlanError[] = [];

  constructor(
    readonly file: string,
    readonly source: SourceMap,
  ) {}

  /** Reports at the value written at `path` (the thing that is wrong). */
  error(code: PlanErrorCode, path: Path, message: string, hint?: string): void {
    this.errors.push(planError(code, this.file, this.source.value(path), message, hint));
  }

  /** Reports at the key naming `path` (for entries whose name is what is wrong). */
  errorAtKey(code: PlanErrorCode, path: Path, message: string, hint?: string): void {
    this.errors.push(planError(code, this.file, this.source.key(path), message, hint));
  }

  /** Where an entry was written, for `at` fields that violations point back to. */
  locate(path: Path, by: 'key' | 'value' = 'value'): SourceLocation {
    const p = by === 'key' ? this.source.key(path) : this.source.value(path);
    return { file: this.file, line: p.line, column: p.column };
  }
}
