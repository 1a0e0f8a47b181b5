/** The `[upgrade_levels] compute` caps nova's control plane may run under while old computes remain. */
import { release } from '../../models/catalogue/releases.ts';
import { computeCapFor } from '../../scenarios/generators/releases.ts';
import type { ReleaseName } from '../../scenarios/plan.ts';

/**
 * Caps to try: none, auto where it exists, then the version numbers of the aliases old computes
 * accept, then the aliases themselves. A number before its alias: every release reads a number,
 * while an alias only the new release knows breaks an old service that restarts under it (a
 * reboot before its upgrade, as explore found on Grizzly to Havana).
 */
export function capCandidates(from: ReleaseName, to: ReleaseName): (string | null)[] {
  const out: (string | null)[] = [null];
  const nova = release(to).raw.nova;
  if (nova.upgradeLevelsComputeAutoAvailable) out.push('auto');
  const aliases: string[] = [];
  try {
    aliases.push(computeCapFor(from, to));
  } catch {
    // no documented cap: the simulator decides whether the others do
  }
  for (const alias of [`${to}-compat`, from]) if (nova.computeRpcAliasesKnownAtTag[alias]) aliases.push(alias);
  for (const a of aliases) {
    const v = nova.computeRpcAliasesKnownAtTag[a];
    if (v) out.push(v);
  }
  out.push(...aliases.filter((a) => a !== 'auto'));
  return [...new Set(out)];
}

