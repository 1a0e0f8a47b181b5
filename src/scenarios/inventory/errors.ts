/**
 * Inventory errors: located (file:line:column) and printed like plan errors, so editors jump to
 * them. A YAML topology reports the plan parser's own PLAN-Exxx codes for its topology section.
 */
import type { PlanError, PlanErrorCode } from '../parse-errors.ts';

export const INVENTORY_ERRORS = {
  'INV-E001': 'the INI line is not a section header, a host, a child group or a variable',
  'INV-E002': 'a variable is not written key=value',
  'INV-E003': 'a group contains itself through its children',
  'INV-E004': 'unknown release in a host variable',
  'INV-E005': 'a host is in no role group (control, network, compute, storage, monitoring)',
  'INV-E006': 'the inventory has no host running an OpenStack service',
  'INV-E007': 'the file cannot be read',
  'INV-E008': 'the instance list is malformed',
  'INV-E009': 'an instance names a host that runs no nova-compute',
  'INV-E010': 'an instance name is used twice',
} as const;

export type InventoryErrorCode = keyof typeof INVENTORY_ERRORS;

export interface InventoryError {
  code: InventoryErrorCode | PlanErrorCode;
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

export function inventoryError(code: InventoryErrorCode, file: string, line: number, column: number, message: string, hint?: string): InventoryError {
  return { code, file, line, column, message, ...(hint ? { hint } : {}) };
}

export function fromPlanErrors(errors: readonly PlanError[]): InventoryError[] {
  return errors.map((e) => ({ ...e }));
}

export function formatInventoryError(e: InventoryError): string {
  return `${e.file}:${e.line}:${e.column}: [${e.code}] ${e.message}${e.hint ? `; ${e.hint}` : ''}`;
}

export type InventoryResult<T> = { ok: true; value: T } | { ok: false; errors: InventoryError[] };
