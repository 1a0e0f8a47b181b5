/**
 * Database schema rules per project: which `db` phases exist in a release's tooling, what a new
 * release's code needs before it starts, and what old code survives. Sources: each project's
 * upgrade documentation as recorded in the catalogue (services.<project>.commands).
 */
import type { DbPhase, Project, ReleaseName } from '../../scenarios/plan.ts';
import type { SourceRef } from '../../sim/result.ts';
import { sourceRefs } from './facts.ts';
import { release } from './releases.ts';

/** How a project changes its schema. */
export type SchemaStyle =
  /** Additive migrations, old code (N-1) keeps working; no contract (nova, cinder, placement). */
  | 'additive'
  /** expand / migrate / contract (keystone Newton+, glance Ocata+). */
  | 'expand-migrate-contract'
  /** expand / contract alembic branches; contract needs every server stopped (neutron Liberty+). */
  | 'expand-contract'
  /** One offline `db sync` only (before the above existed). */
  | 'offline';

export const DB_SOURCES: Record<Project, SourceRef[]> = {
  keystone: sourceRefs('keystone-doc-upgrading', 'keystone-cli'),
  glance: sourceRefs('glance-doc-rolling', 'glance-manage'),
  neutron: sourceRefs('neutron-doc-upgrade', 'neutron-doc-migration-database'),
  nova: sourceRefs('nova-doc-upgrades', 'nova-manage'),
  cinder: sourceRefs('cinder-doc-upgrades', 'cinder-manage'),
  placement: sourceRefs('placement-doc-manage', 'nova-doc-upgrades'),
  horizon: [],
};

function feature(rel: ReleaseName, project: 'nova' | 'keystone' | 'glance' | 'neutron' | 'cinder' | 'placement', name: string): boolean {
  return release(rel).raw.features[project][name] === true;
}

export function schemaStyle(project: Project, rel: ReleaseName): SchemaStyle {
  switch (project) {
    case 'keystone':
      return feature(rel, 'keystone', 'dbSyncExpandMigrateContract') ? 'expand-migrate-contract' : 'offline';
    case 'glance':
      return feature(rel, 'glance', 'dbExpandMigrateContractExperimental') ? 'expand-migrate-contract' : 'offline';
    case 'neutron':
      return feature(rel, 'neutron', 'upgradeExpandContract') ? 'expand-contract' : 'offline';
    case 'nova':
    case 'cinder':
    case 'placement':
      return 'additive';
    case 'horizon':
      return 'offline';
  }
}

/** Does the project keep a schema at all? (horizon keeps none that matters to an upgrade.) */
export function hasSchema(project: Project): boolean {
  return project !== 'horizon';
}

/** Does this release's tooling have online data migrations for the project? */
export function hasOnlineMigrations(project: Project, rel: ReleaseName): boolean {
  if (project === 'nova') return feature(rel, 'nova', 'onlineDataMigrations');
  if (project === 'cinder') return feature(rel, 'cinder', 'onlineDataMigrations');
  if (project === 'placement') return feature(rel, 'placement', 'onlineDataMigrations');
  return false;
}

/** Keystone's --migrate is a no-op from Yoga on; glance's migrate must finish before new services start. */
export function migrateRequired(project: Project, rel: ReleaseName): boolean {
  if (project === 'glance') return true;
  if (project === 'keystone') return !feature(rel, 'keystone', 'migrateIsNoop');
  return false;
}

/** The phases a release's `*-manage` tool offers for the project (sync is always there). */
export function availablePhases(project: Project, rel: ReleaseName): DbPhase[] {
  const style = schemaStyle(project, rel);
  const phases: DbPhase[] = ['sync'];
  if (style === 'expand-migrate-contract') phases.push('expand', 'migrate', 'contract');
  if (style === 'expand-contract') phases.push('expand', 'contract');
  if (hasOnlineMigrations(project, rel)) phases.push('online-migrations');
  return phases;
}

/** The command an operator runs for a phase, for messages. */
export function phaseCommand(project: Project, phase: DbPhase): string {
  const tool = project === 'neutron' ? 'neutron-db-manage' : `${project}-manage`;
  switch (phase) {
    case 'sync':
      if (project === 'neutron') return 'neutron-db-manage upgrade heads';
      if (project === 'keystone') return 'keystone-manage db_sync';
      if (project === 'nova') return 'nova-manage api_db sync && nova-manage db sync';
      return `${tool} db sync`;
    case 'online-migrations':
      return `${tool} db online_data_migrations`;
    case 'expand':
    case 'contract':
      if (project === 'neutron') return `neutron-db-manage upgrade --${phase}`;
      if (project === 'keystone') return `keystone-manage db_sync --${phase}`;
      return `${tool} db ${phase}`;
    case 'migrate':
      if (project === 'keystone') return 'keystone-manage db_sync --migrate';
      return `${tool} db migrate`;
  }
}

/** How many releases older code may trail an additive schema: one, two from a SLURP release since 2023.1. */
export function additiveSkew(schemaRelease: ReleaseName, codeRelease: ReleaseName): boolean {
  const s = release(schemaRelease);
  const c = release(codeRelease);
  const gap = s.index - c.index;
  if (gap <= 1) return true;
  return gap === 2 && c.slurp && s.slurp;
}
