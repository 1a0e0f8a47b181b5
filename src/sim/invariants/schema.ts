/** SCHEMA_MISMATCH for running code: new code before its schema, old code after a contract. */
import { additiveSkew, DB_SOURCES, migrateRequired, phaseCommand, schemaStyle } from '../../models/catalogue/db-rules.ts';
import { release } from '../../models/catalogue/releases.ts';
import { projectOf, SERVICE_INFO } from '../../models/catalogue/services.ts';
import { finding, listNames, type Finding } from '../finding.ts';
import { databaseFor, isRunning, nodeUp, schemaKey, type World } from '../world.ts';

export function schemaInvariants(world: World): Finding[] {
  const bad = new Map<string, { message: string; rule: string; project: string; who: string[]; where: string }>();
  for (const node of world.nodes.values()) {
    if (!nodeUp(node)) continue;
    for (const [service, snap] of node.services) {
      if (!SERVICE_INFO[service].usesDatabase || !isRunning(snap)) continue;
      const project = projectOf(service);
      const db = databaseFor(world, node, project);
      const schema = world.schemas.get(schemaKey(db, project));
      if (!schema) continue;
      const code = snap.context.code;
      const { level, expandedTo } = schema.context;
      const ci = release(code).index;
      const li = release(level).index;
      let problem: { message: string; rule: string } | undefined;
      if (ci > li) {
        const style = schemaStyle(project, code);
        const expandedEnough = expandedTo !== null && release(expandedTo).index >= ci;
        const needMigrate = migrateRequired(project, code) && style === 'expand-migrate-contract';
        const ready = style !== 'additive' && style !== 'offline' && expandedEnough && (!needMigrate || schema.value === 'migrated');
        if (!ready) {
          const needed = style === 'additive' || style === 'offline'
            ? phaseCommand(project, 'sync')
            : needMigrate ? `${phaseCommand(project, 'expand')} and ${phaseCommand(project, 'migrate')}` : phaseCommand(project, 'expand');
          problem = {
            message: `${code} ${project} code runs on the ${level} schema of database ${db}`,
            rule: `New code needs its schema first: run ${needed} before starting ${code} services.`,
          };
        }
      } else if (ci < li) {
        const additive = schemaStyle(project, level) === 'additive';
        if (!additive || !additiveSkew(level, code)) {
          problem = {
            message: `${code} ${project} code runs on database ${db}, whose schema is already at ${level}${additive ? '' : ' (contracted)'}`,
            rule: additive ? 'Old code may trail an additive schema by one release (two between SLURP releases).' : 'Contract only after every node runs the new release.',
          };
        }
      }
      if (!problem) continue;
      const key = `schema|${db}|${project}|${code}|${level}`;
      const entry = bad.get(key) ?? { ...problem, project, who: [], where: `database:${db}/${project}` };
      entry.who.push(`${node.name}/${service}`);
      bad.set(key, entry);
    }
  }
  return [...bad].map(([key, b]) =>
    finding('SCHEMA_MISMATCH', `${b.message}: ${listNames(b.who)}`, [b.where, ...b.who], b.rule, DB_SOURCES[b.project as keyof typeof DB_SOURCES], { key }));
}
