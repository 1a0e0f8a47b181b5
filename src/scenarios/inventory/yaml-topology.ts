/**
 * Our own YAML topology: a file holding exactly what a plan's `topology:` section holds (nodes,
 * loadBalancers, databases, instances), checked by the plan parser's own rules, so an error in it
 * reads and is located exactly like the same error in a plan.
 */
import type { core } from 'zod';
import { ParseContext } from '../parse-context.ts';
import { sortPlanErrors } from '../parse-errors.ts';
import { issuesToErrors } from '../parse-issues.ts';
import { TopologySchema } from '../parse-schema.ts';
import { parseTopology } from '../parse-topology.ts';
import { parseYaml, type Path, type SourceMap } from '../parse-yaml.ts';
import type { Topology } from '../plan.ts';
import { fromPlanErrors, type InventoryResult } from './errors.ts';

/** The plan parser speaks of `topology.nodes…`; in this file those paths start at the top. */
function unprefixed(source: SourceMap): SourceMap {
  const strip = (p: Path): Path => (p[0] === 'topology' ? p.slice(1) : p);
  return {
    has: (p) => source.has(strip(p)),
    value: (p) => source.value(strip(p)),
    key: (p) => source.key(strip(p)),
    keys: (p) => source.keys(strip(p)),
  };
}

export function parseYamlTopology(text: string, file: string): InventoryResult<Topology> {
  const yaml = parseYaml(text, file);
  if (!yaml.ok) return { ok: false, errors: fromPlanErrors(yaml.errors) };
  const source = unprefixed(yaml.source);
  const wrapped = { topology: yaml.data };
  const errors = [...yaml.errors];
  const shape = TopologySchema.safeParse(yaml.data);
  if (!shape.success) {
    const issues = shape.error.issues.map((i) => ({ ...i, path: ['topology', ...i.path] })) as core.$ZodIssue[];
    errors.push(...issuesToErrors(issues, wrapped, source, file));
  }
  const ctx = new ParseContext(file, source);
  const { topology } = parseTopology(ctx, yaml.data);
  errors.push(...ctx.errors);
  if (errors.length > 0 || !shape.success) return { ok: false, errors: fromPlanErrors(sortPlanErrors(errors)) };
  return { ok: true, value: topology };
}
