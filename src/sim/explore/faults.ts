/**
 * The faults exploration injects, each expressed as leaf steps built from existing verbs (see
 * README.md in this folder for what each maps to and why). A fault is not the plan's fault: the
 * codes it may legitimately trigger, inside its window, are excused; anything else that appears
 * is the plan's fragility.
 */
import type { InvariantCode } from '../result.ts';

export const FAULT_KINDS = ['start-fail', 'reboot', 'retry', 'rabbitmq', 'db-rerun', 'flap', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The outage a fault causes by itself: what an operator cannot plan away. */
const OUTAGE: InvariantCode[] = ['API_DOWNTIME', 'UNDRAINED_STOP', 'SCHEDULING_ON_STOPPED', 'NO_ACTIVE_SERVICE'];

export interface FaultInfo {
  summary: string;
  /** Codes excused at the fault's own leaves and at the plan leaves inside its window. */
  excused: readonly InvariantCode[];
}

export const FAULTS: Record<FaultKind, FaultInfo> = {
  'start-fail': {
    summary: 'a service fails to start and is retried a few steps later',
    // While it is down: outages, and moves to or from it that nova refuses (the instance keeps running).
    excused: [...OUTAGE, 'LIVE_MIGRATION_INCOMPATIBLE'],
  },
  reboot: {
    summary: 'a node reboots unexpectedly (every unit comes back on the installed code)',
    // A reboot stops the node's instances whatever the plan does, and loads code installed ahead of
    // its schema (the *-manage tool ships in the package, so install always precedes the sync).
    excused: [...OUTAGE, 'INSTANCE_DOWNTIME', 'LIVE_MIGRATION_INCOMPATIBLE', 'SCHEMA_MISMATCH'],
  },
  retry: {
    summary: 'a step reports failure after it took effect, and the operator runs it again',
    excused: [],
  },
  rabbitmq: {
    summary: 'RabbitMQ restarts: every nova-compute reports down for about 60 s, then recovers',
    // nova's scheduler filters down computes, and refuses moves to them; instances keep running.
    excused: [...OUTAGE, 'LIVE_MIGRATION_INCOMPATIBLE'],
  },
  'db-rerun': {
    summary: 'a database migration is interrupted and re-run',
    // The real *-manage phases are idempotent and so is the model (a phase re-run at the same
    // target does nothing): a re-run excuses nothing.
    excused: [],
  },
  flap: {
    summary: 'an haproxy backend in rotation flaps (health check down, then up)',
    excused: ['API_DOWNTIME'],
  },
  slow: {
    summary: 'a step takes several times its estimate (downtime totals and the RabbitMQ window stretch)',
    excused: [],
  },
};

/** Parse `--faults a,b,c` (`all`, `none` accepted). Unknown names are returned for the error message. */
export function parseFaultList(text: string): { ok: true; faults: FaultKind[] } | { ok: false; unknown: string[] } {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return { ok: true, faults: [...FAULT_KINDS] };
  if (names.length === 1 && names[0] === 'none') return { ok: true, faults: [] };
  const unknown = names.filter((n) => !(FAULT_KINDS as readonly string[]).includes(n));
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, faults: [...new Set(names)] as FaultKind[] };
}
