/**
 * Model-based tests: fc.commands drives each XState machine through random event sequences next to
 * a small reference model of the same rules (a table: state × event → state); the two must agree
 * after every event. The transitions taken are counted against xstate/graph's enumeration, so the
 * suite also proves it reaches every state and transition of every machine.
 */
import fc from 'fast-check';
import { getInitialSnapshot, getNextSnapshot, type AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { MACHINES, type MachineName } from '../src/models/machines/index.ts';
import { Coverage, GRAPHS } from '../src/sim/explore/coverage.ts';

type Ref = Record<string, Record<string, string>>;
/** The rules, written independently of the machines: state → event → next state ('=' stays). */
const REFERENCE: Record<MachineName, Ref> = {
  service: {
    stopped: { START: 'running', START_REFUSED: 'failed', INSTALL: '=', DISABLE: '=', ENABLE: '=' },
    running: { STOP: 'stopped', INSTALL: '=', DISABLE: '=', ENABLE: '=' },
    failed: { START: 'running', START_REFUSED: 'failed', STOP: 'stopped', INSTALL: '=', DISABLE: '=', ENABLE: '=' },
  },
  node: { up: { POWER_OFF: 'down', REMOVE: 'removed' }, down: { POWER_ON: 'up', REMOVE: 'removed' }, removed: {} },
  schema: {
    current: { EXPAND: 'expanded', SYNC: 'current', ONLINE_MIGRATIONS: '=' },
    expanded: { EXPAND: 'expanded', MIGRATE: 'migrated', CONTRACT: 'current', SYNC: 'current', ONLINE_MIGRATIONS: '=' },
    migrated: { CONTRACT: 'current', SYNC: 'current', ONLINE_MIGRATIONS: '=' },
  },
  backend: { active: { DRAIN: 'drained' }, drained: { UNDRAIN: 'active' } },
  instance: {
    running: { HOST_DOWN: 'stopped', STOP: 'stopped', MOVE: '=', DELETE: 'deleted' },
    stopped: { HOST_UP: 'running', START: 'running', MOVE: '=', DELETE: 'deleted' },
    deleted: {},
  },
};

const INPUT: Record<MachineName, unknown> = { service: { release: 'newton' }, node: undefined, schema: { release: 'newton' }, backend: undefined, instance: { host: 'compute1' } };

/** An event of each type, with a payload where the machine needs one. */
function event(type: string, n: number): Record<string, unknown> {
  const releases = ['newton', 'ocata', 'pike'];
  switch (type) {
    case 'START': return { type, computeCap: n % 2 ? '4.13' : null };
    case 'START_REFUSED': return { type, reason: `refused ${n}` };
    case 'INSTALL': return { type, release: releases[n % 3] };
    case 'SYNC': return { type, to: releases[n % 3], leavesOnlineMigrations: n % 2 === 1 };
    case 'EXPAND': return { type, to: releases[n % 3] };
    case 'CONTRACT': return { type, leavesOnlineMigrations: n % 2 === 1 };
    case 'MOVE': return { type, to: `compute${n % 4}` };
    default: return { type };
  }
}

interface Real { snap: ReturnType<typeof getInitialSnapshot> }
interface Model { state: string }

const coverage = new Coverage();

describe.each(Object.keys(MACHINES) as MachineName[])('%s machine agrees with its reference model', (name) => {
  const machine = MACHINES[name] as unknown as AnyStateMachine;
  const ref = REFERENCE[name];
  const types = [...new Set(Object.values(ref).flatMap((m) => Object.keys(m)))];

  class Send implements fc.Command<Model, Real> {
    constructor(readonly type: string, readonly n: number) {}
    check(): boolean { return true; }
    run(m: Model, r: Real): void {
      const from = m.state;
      const rule = ref[from]?.[this.type];
      r.snap = getNextSnapshot(machine, r.snap as never, event(this.type, this.n) as never);
      if (rule !== undefined) {
        m.state = rule === '=' ? from : rule;
        coverage.visit(name, from, this.type, m.state);
      }
      expect(String(r.snap.value)).toBe(m.state);
      // Context rules the simulator relies on.
      const ctx = (r.snap as unknown as { context: Record<string, unknown> }).context;
      if (name === 'service' && this.type === 'INSTALL') expect(ctx.installed).toBe(event('INSTALL', this.n).release);
      if (name === 'service' && rule && this.type === 'START') expect(ctx.code).toBe(ctx.installed);
      if (name === 'schema' && rule && this.type === 'ONLINE_MIGRATIONS') expect(ctx.pendingOnline).toBeNull();
      if (name === 'instance' && rule && this.type === 'MOVE') expect(ctx.host).toBe(event('MOVE', this.n).to);
    }
    toString(): string { return `${this.type}#${this.n}`; }
  }

  it('over random event sequences (seed fixed, printed on failure)', () => {
    const commands = types.map((t) => fc.nat(5).map((n) => new Send(t, n)));
    fc.assert(fc.property(fc.commands(commands, { maxCommands: 30 }), (cmds) => {
      const initial = getInitialSnapshot(machine, INPUT[name] as never);
      coverage.visitState(name, String(initial.value));
      fc.modelRun(() => ({ model: { state: String(initial.value) }, real: { snap: initial } }), cmds);
    }), { seed: 424242, numRuns: 300 });
  });
});

describe('model-based runs cover the machines', () => {
  it('every state and every transition xstate/graph enumerates', () => {
    const rows = coverage.report();
    for (const r of rows) {
      expect({ machine: r.machine, missed: [...r.states.missed, ...r.transitions.missed] }).toEqual({ machine: r.machine, missed: [] });
    }
    expect(rows.reduce((n, r) => n + r.transitions.total, 0)).toBe(Object.values(GRAPHS).reduce((n, g) => n + g.transitions.length, 0));
  });
});
