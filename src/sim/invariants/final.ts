/** Warnings about the state a plan leaves behind: stale caps, services below `to` or not running, pending data migrations. */
import { DB_SOURCES, phaseCommand } from '../../models/catalogue/db-rules.ts';
import { computeAccepts, computeRpcLatest, formatRpcVersion, NOVA_RPC_SOURCES } from '../../models/catalogue/nova-rpc.ts';
import { sourceRefs } from '../../models/catalogue/facts.ts';
import { release } from '../../models/catalogue/releases.ts';
import { compareRpc, parseRpcVersion } from '../../models/catalogue/rpc-version.ts';
import { SERVICE_INFO } from '../../models/catalogue/services.ts';
import type { Project } from '../../scenarios/plan.ts';
import { finding, listNames, type Finding } from '../finding.ts';
import { CONFIG_COMPUTE_CAP, computeRecordsFor, isRunning, type World } from '../world.ts';

export function finalInvariants(world: World): Finding[] {
  const out: Finding[] = [];
  const to = world.plan.to;

  // Caps: a sender still capped below what every registered compute accepts.
  const stale: string[] = [];
  const leftInConfig: string[] = [];
  for (const node of world.nodes.values()) {
    const records = [...computeRecordsFor(world, node).values()];
    const setting = node.config.get(CONFIG_COMPUTE_CAP);
    for (const [service, snap] of node.services) {
      if (!isRunning(snap) || !snap.context.computeCap) continue;
      const latest = computeRpcLatest(snap.context.code);
      if (!latest || compareRpc(parseRpcVersion(snap.context.computeCap), latest) >= 0) continue;
      if (!records.every((r) => computeAccepts(r, latest))) continue;
      stale.push(`${node.name}/${service} (${snap.context.computeCap} < ${formatRpcVersion(latest)})`);
    }
    if (setting && setting.toLowerCase() !== 'auto' && records.length > 0 && records.every((r) => release(r).index >= release(to).index)) {
      leftInConfig.push(node.name);
    }
  }
  if (stale.length > 0 || leftInConfig.length > 0) {
    const parts: string[] = [];
    if (stale.length > 0) parts.push(`still capped below the current compute RPC version: ${listNames(stale)}`);
    if (leftInConfig.length > 0) parts.push(`[upgrade_levels] compute is still set on ${listNames(leftInConfig)}`);
    out.push(finding('STALE_VERSION_CAP', `After the last compute, ${parts.join('; ')}`,
      [...stale.map((s) => s.split(' ')[0]!), ...leftInConfig],
      'Remove static caps after the last compute and restart (or SIGHUP) every nova service so auto caps are recomputed.',
      [...NOVA_RPC_SOURCES, ...sourceRefs('nova-conf-upgrade-levels', 'nova-doc-upgrades')], { severity: 'warning' }));
  }

  // Services left below the target.
  const behind = new Map<string, string[]>();
  for (const node of world.nodes.values()) {
    for (const [service, snap] of node.services) {
      const r = isRunning(snap) ? snap.context.code : snap.context.installed;
      if (release(r).index >= release(to).index) continue;
      const k = `${service} on ${r}`;
      behind.set(k, [...(behind.get(k) ?? []), node.name]);
    }
  }
  if (behind.size > 0) {
    const parts = [...behind].map(([k, nodes]) => `${k} (${listNames(nodes, 3)})`);
    out.push(finding('INCOMPLETE_UPGRADE', `The plan ends with services below ${to}: ${parts.join('; ')}`,
      [...behind].flatMap(([k, nodes]) => nodes.map((n) => `${n}/${k.split(' ')[0]}`)).slice(0, 50),
      'An upgrade is complete when every service runs the target release.', sourceRefs('nova-doc-upgrades'), { severity: 'warning' }));
  }

  // Services left stopped (an active/passive service needs one running instance, not all).
  const stopped: string[] = [];
  const activeRuns = new Set<string>();
  for (const node of world.nodes.values()) for (const [service, snap] of node.services) if (isRunning(snap)) activeRuns.add(service);
  for (const node of world.nodes.values()) {
    for (const [service, snap] of node.services) {
      if (isRunning(snap) || (SERVICE_INFO[service].activePassive && activeRuns.has(service))) continue;
      stopped.push(`${node.name}/${service}`);
    }
  }
  if (stopped.length > 0) {
    out.push(finding('INCOMPLETE_UPGRADE', `The plan ends with services not running: ${listNames(stopped, 5)}`, stopped.slice(0, 50),
      'An upgrade ends with every service running again (start what was stopped, or remove-node what is retired).', sourceRefs('nova-doc-upgrades'),
      { severity: 'warning' }));
  }

  // Online data migrations never run.
  for (const [key, schema] of world.schemas) {
    const pending = schema.context.pendingOnline;
    if (!pending) continue;
    const project = key.split('/')[1] as Project;
    out.push(finding('ONLINE_MIGRATIONS_PENDING', `The ${project} online data migrations of ${pending} were not run on database ${key.split('/')[0]}`,
      [`database:${key}`], `Run ${phaseCommand(project, 'online-migrations')} until it reports nothing left: the next upgrade's schema needs it.`,
      DB_SOURCES[project], { severity: 'warning' }));
  }
  return out;
}
