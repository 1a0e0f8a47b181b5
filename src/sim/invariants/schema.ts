/** SCHEMA_MISMATCH for running code: new code before its schema, old code after a contract. */
import { additiveSkew, DB_SOURCES, migrateRequired, phaseCommand, schemaStyle } from '../../models/catalogue/db-rules.ts';
import { release } from '../../models/catalogue/releases.ts';
import { projectOf, SERVICE_INFO } from '../../models/catalogue/services.ts';
import type { Project, ReleaseName } from '../../scenarios/plan.ts';
import { finding, listNames, type Finding } from '../finding.ts';
import { schemaKey, type SchemaSnap, type World } from '../world.ts';
import type { Census } from './census.ts';

export function schemaInvariants(world: World, c: Census): Finding[] {
  const bad = new Map<string, { message: string; rule: string; project: Project; who: string[]; where: string }>();
  for (const [service, gs] of c.running) {
    if (!SERVICE_INFO[service].usesDatabase) continue;
    const project = projectOf(service);
    for (const g of gs) {
      const schema = world.schemas.get(schemaKey(g.db as never, project));
      if (!schema) continue;
      const problem = mismatch(project, g.code, schema);
      if (!problem) continue;
      const key = `schema|${g.db}|${project}|${g.code}|${schema.context.level}`;
      const entry = bad.get(key) ?? { ...problem, project, who: [], where: `database:${g.db}/${project}` };
      entry.who.push(...g.members);
      bad.set(key, entry);
    }
  }
  return [...bad].map(([key, b]) =>
    finding('SCHEMA_MISMATCH', `${b.message}: ${listNames(b.who)}`, [b.where, ...b.who], b.rule, DB_SOURCES[b.project], { key }));
}

/** Can code of release `code` run on this schema? */
function mismatch(project: Project, code: ReleaseName, schema: SchemaSnap): { message: string; rule: string } | undefined {
  const { level, expandedTo } = schema.context;
  const ci = release(code).index;
  const li = release(level).index;
  if (ci > li) {
    const style = schemaStyle(project, code);
    const expandedEnough = expandedTo !== null && release(expandedTo).index >= ci;
    const needMigrate = migrateRequired(project, code) && style === 'expand-migrate-contract';
    const ready = style !== 'additive' && style !== 'offline' && expandedEnough && (!needMigrate || schema.value === 'migrated');
    if (ready) return undefined;
    const needed = style === 'additive' || style === 'offline'
      ? phaseCommand(project, 'sync')
      : needMigrate ? `${phaseCommand(project, 'expand')} and ${phaseCommand(project, 'migrate')}` : phaseCommand(project, 'expand');
    return {
      message: `${code} ${project} code runs on the ${level} schema`,
      rule: `New code needs its schema first: run ${needed} before starting ${code} services.`,
    };
  }
  if (ci < li) {
    const additive = schemaStyle(project, level) === 'additive';
    if (additive && additiveSkew(level, code)) return undefined;
    return {
      message: `${code} ${project} code runs on a schema already at ${level}${additive ? '' : ' (contracted)'}`,
      rule: additive ? 'Old code may trail an additive schema by one release (two between SLURP releases).' : 'Contract only after every node runs the new release.',
    };
  }
  return undefined;
}
