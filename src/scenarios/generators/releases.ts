/**
 * Release facts a procedure depends on, read from the catalogue: which `[upgrade_levels] compute`
 * cap keeps old computes reachable, and which schema phases each project's tooling offers.
 */
import { cinderControlToVolume, neutronServerToAgent } from '../../models/catalogue/compat.ts';
import { availablePhases, hasOnlineMigrations, schemaStyle } from '../../models/catalogue/db-rules.ts';
import { displayRelease, release } from '../../models/catalogue/releases.ts';
import type { DbPhase, Project, ReleaseName } from '../plan.ts';
import { ScenarioRefusal } from './types.ts';

/**
 * Caps the seed procedures prescribe where the catalogue's aliases would also do: procedure 002
 * (Icehouse → Juno) sets `compute = 3.23.1`.
 */
const SEED_CAPS: Record<string, string> = { 'icehouse>juno': '3.23.1' };

/** The cap to write, and the alias it stands for when written as a number. */
export interface ComputeCap {
  value: string;
  /** Set when `value` is the number of an alias the old release's code does not know. */
  alias?: string;
}

/** Nova's compute RPC facts of a release, or why the catalogue cannot give them (a future series). */
function novaFacts(rel: ReleaseName): { known: Record<string, string> } | { missing: string } {
  const nova = release(rel).raw.nova;
  const known = nova.computeRpcAliasesKnownAtTag as Record<string, string> | undefined;
  if (known && (nova.computeRpcAlias ?? nova.computeRpcServerVersionAtTag)) return { known };
  const note = (nova as { note?: string | null }).note;
  return { missing: `the catalogue has no nova compute RPC facts for ${displayRelease(rel)}${note ? ` (${note.replace(/\.$/, '')})` : ''}` };
}

/**
 * The cap controllers of `to` need while computes of `from` remain: `auto` where it exists (Mitaka
 * on), the seed's value, the `<to>-compat` alias (Icehouse speaks 3.0 to Havana computes through
 * `icehouse-compat`), or the alias of the old release. The cap goes into nova.conf on every node
 * while old services still run, and any of them may restart (a reboot) before its upgrade: an
 * alias the old code does not know is written as the number it stands for (old clients treat a
 * number above their own latest as their latest). A pair whose facts the catalogue lacks is
 * refused (CATALOGUE), not guessed.
 */
export function computeCap(from: ReleaseName, to: ReleaseName): ComputeCap {
  const refuse = (why: string) =>
    new ScenarioRefusal('CATALOGUE', `${displayRelease(from)} → ${displayRelease(to)}: ${why}, so no [upgrade_levels] compute cap can be chosen for nova's live upgrade`);
  const target = novaFacts(to);
  if ('missing' in target) throw refuse(target.missing);
  const source = novaFacts(from);
  if ('missing' in source) throw refuse(source.missing);
  if (release(to).raw.nova.upgradeLevelsComputeAutoAvailable) return { value: 'auto' };
  const seed = SEED_CAPS[`${from}>${to}`];
  if (seed) return { value: seed };
  const alias = [`${to}-compat`, from].find((a) => target.known[a]);
  if (!alias) throw refuse(`${displayRelease(to)} knows no alias for ${displayRelease(from)} computes and has no compute = auto`);
  return source.known[alias] ? { value: alias } : { value: target.known[alias]!, alias };
}

/** The value of `computeCap`. */
export function computeCapFor(from: ReleaseName, to: ReleaseName): string {
  return computeCap(from, to).value;
}

/** How a project's schema moves to `to` while its services roll node by node, or null when it cannot roll. */
export interface RollingPhases {
  /** Run after upgrading the first node, before starting its new code. */
  beforeFirstStart: DbPhase[];
  /** Run once every node runs the new code. */
  afterLast: DbPhase[];
  /** Why `afterLast` leaves something out, for the step label. */
  note?: string;
}

export function rollingPhases(project: Project, to: ReleaseName): RollingPhases | null {
  const online: DbPhase[] = hasOnlineMigrations(project, to) ? ['online-migrations'] : [];
  switch (schemaStyle(project, to)) {
    case 'expand-migrate-contract':
      return { beforeFirstStart: ['expand', 'migrate'], afterLast: ['contract', ...online] };
    case 'expand-contract':
      return {
        beforeFirstStart: ['expand'],
        afterLast: online,
        note: 'neutron contract migrations need every neutron-server stopped: leave them for a maintenance window',
      };
    case 'additive':
      return { beforeFirstStart: ['sync'], afterLast: online };
    case 'offline':
      return null;
  }
}

/** Phases of an offline upgrade (every service of the project stopped): sync, then online migrations once all run. */
export function offlinePhases(project: Project, to: ReleaseName): { sync: DbPhase[]; afterStart: DbPhase[] } {
  return { sync: ['sync'], afterStart: hasOnlineMigrations(project, to) && availablePhases(project, to).includes('online-migrations') ? ['online-migrations'] : [] };
}

export function title(from: ReleaseName, to: ReleaseName, what: string): string {
  return `${displayRelease(from)} to ${displayRelease(to)}, ${what}`;
}

/** Can `from` neutron agents keep running under a `to` server while they wait for their turn? */
export function agentsMayTrail(from: ReleaseName, to: ReleaseName): boolean {
  return neutronServerToAgent(to, from).status !== 'refused';
}

/** Can cinder run `from` and `to` services side by side (a rolling upgrade)? */
export function cinderMayMix(from: ReleaseName, to: ReleaseName): boolean {
  return cinderControlToVolume(to, from).status !== 'refused';
}
