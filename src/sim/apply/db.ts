/** `db` steps: the real `*-manage` phases against one project's schema in one database. */
import { availablePhases, DB_SOURCES, hasOnlineMigrations, hasSchema, migrateRequired, phaseCommand, schemaStyle } from '../../models/catalogue/db-rules.ts';
import { sourceRefs } from '../../models/catalogue/facts.ts';
import { release } from '../../models/catalogue/releases.ts';
import { projectOf } from '../../models/catalogue/services.ts';
import { initialSchema } from '../../models/machines/index.ts';
import type { DatabaseName, DbPhase, Project, ReleaseName, ServiceName } from '../../scenarios/plan.ts';
import { finding, listNames } from '../finding.ts';
import { databaseFor, isRunning, nodeUp, schemaKey, sendSchema, type World } from '../world.ts';
import type { StepContext } from './effects.ts';

/** Running services of `project` whose schema lives in `db`, with the release of their code. */
export function runningOn(world: World, db: DatabaseName, project: Project, filter: (service: ServiceName) => boolean = () => true) {
  const out: { who: string; code: ReleaseName }[] = [];
  for (const n of world.nodes.values()) {
    if (!nodeUp(n)) continue;
    for (const [s, snap] of n.services) {
      if (projectOf(s) !== project || !isRunning(snap) || !filter(s)) continue;
      if (databaseFor(world, n, project) !== db) continue;
      out.push({ who: `${n.name}/${s}`, code: snap.context.code });
    }
  }
  return out;
}

export function db(ctx: StepContext, project: Project, phase: DbPhase, database: DatabaseName | undefined, target: ReleaseName): void {
  if (!hasSchema(project)) return;
  const w = ctx.world;
  const dbName = database ?? w.defaultDatabase.get(project) ?? w.plan.topology.databases[0]!.name;
  const key = schemaKey(dbName, project);
  const snap = w.schemas.get(key) ?? initialSchema(w.plan.from);
  const src = DB_SOURCES[project];
  const cmd = phaseCommand(project, phase);
  const where = `database:${dbName}/${project}`;
  const mismatch = (message: string, entities: string[], rule: string) =>
    ctx.findings.push(finding('SCHEMA_MISMATCH', message, [where, ...entities], rule, src));

  if (!availablePhases(project, target).includes(phase)) {
    mismatch(`${cmd} does not exist in ${target}: ${project} offers ${availablePhases(project, target).join(', ')}`, [],
      `Use the schema phases the target release's ${project} tooling provides.`);
    return;
  }
  const { level, expandedTo, pendingOnline } = snap.context;
  const upgradesSchema = (phase === 'sync' || phase === 'expand') && release(target).index > release(level).index;
  if (upgradesSchema && pendingOnline && release(pendingOnline).index < release(target).index) {
    ctx.findings.push(finding('ONLINE_MIGRATIONS_PENDING',
      `${cmd} to ${target} while the online data migrations of ${pendingOnline} have not been run`,
      [where], `Run ${phaseCommand(project, 'online-migrations')} to completion on ${pendingOnline} before the next schema upgrade.`,
      [...src, ...sourceRefs('governance-release-cadence')]));
  }
  const neutronServers = () => runningOn(w, dbName, project, (s) => s === 'neutron-server' || s === 'quantum-server');
  const olderThan = (r: ReleaseName) => runningOn(w, dbName, project).filter((x) => release(x.code).index < release(r).index);
  const style = schemaStyle(project, target);

  switch (phase) {
    case 'sync': {
      if (style === 'expand-contract' || (style === 'offline' && project === 'neutron')) {
        const running = neutronServers();
        if (running.length > 0) mismatch(`${cmd} contracts the neutron schema while neutron-server runs on ${listNames(running.map((r) => r.who))}`,
          running.map((r) => r.who), 'Neutron contract migrations need every neutron-server stopped.');
      } else if (style !== 'additive') {
        const old = olderThan(target);
        if (old.length > 0) mismatch(`${cmd} applies ${target}'s full schema (including contract) under running older code: ${listNames(old.map((o) => o.who))}`,
          old.map((o) => o.who), 'A full offline db sync removes what old code needs: stop the old services first, or use expand/migrate/contract.');
      }
      if (release(target).index >= release(level).index) {
        w.schemas.set(key, sendSchema(snap, { type: 'SYNC', to: target, leavesOnlineMigrations: hasOnlineMigrations(project, target) && release(target).index > release(level).index }));
      }
      return;
    }
    case 'expand':
      // Re-running a phase at the same target does nothing, as the real tools do.
      if (expandedTo === target || (snap.value === 'current' && release(level).index >= release(target).index)) return;
      w.schemas.set(key, sendSchema(snap, { type: 'EXPAND', to: target }));
      return;
    case 'migrate':
      if (snap.value === 'migrated' || (snap.value === 'current' && release(level).index >= release(target).index)) return;
      if (snap.value !== 'expanded') {
        mismatch(`${cmd} before ${phaseCommand(project, 'expand')}`, [], 'migrate runs after expand.');
        return;
      }
      w.schemas.set(key, sendSchema(snap, { type: 'MIGRATE' }));
      return;
    case 'contract': {
      if (snap.value === 'current' && release(level).index >= release(target).index) return;
      if (snap.value === 'current') {
        mismatch(`${cmd} with no expanded schema to contract`, [], 'contract finishes an expand (and migrate); run those first.');
        return;
      }
      const to = expandedTo ?? target;
      if (snap.value === 'expanded' && migrateRequired(project, to)) {
        mismatch(`${cmd} before ${phaseCommand(project, 'migrate')}`, [], `${project} needs migrate between expand and contract.`);
      }
      if (style === 'expand-contract') {
        const running = neutronServers();
        if (running.length > 0) mismatch(`${cmd} while neutron-server runs on ${listNames(running.map((r) => r.who))}`,
          running.map((r) => r.who), 'Neutron contract migrations need every neutron-server stopped.');
      }
      const old = olderThan(to);
      if (old.length > 0) mismatch(`${cmd} under running old code: ${listNames(old.map((o) => o.who))} still run releases before ${to}`,
        old.map((o) => o.who), 'Contract only after every node runs the new release.');
      w.schemas.set(key, sendSchema(snap, { type: 'CONTRACT', leavesOnlineMigrations: false }));
      return;
    }
    case 'online-migrations': {
      const old = olderThan(level);
      if (old.length > 0) {
        ctx.findings.push(finding('ORDER', `${cmd} while ${listNames(old.map((o) => o.who))} still run code older than ${level}`,
          old.map((o) => o.who), 'Online data migrations run after every service of the project runs the new code.', src));
      }
      w.schemas.set(key, sendSchema(snap, { type: 'ONLINE_MIGRATIONS' }));
      return;
    }
  }
}
