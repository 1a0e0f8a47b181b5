/**
 * Scenario 4 (live compute upgrade): every project but nova service by service, then nova's
 * controllers under an `[upgrade_levels] compute` cap, then each compute disabled, upgraded and
 * enabled again (optionally emptied first by live or cold migration), then the cap lifted.
 * Instances keep running unless cold migration is asked for; APIs go down project by project.
 */
import type { Plan } from '../plan.ts';
import { newCtx } from './context.ts';
import { everythingButNova, horizon } from './in-place.ts';
import { novaLive } from './nova-live.ts';
import { title } from './releases.ts';
import type { Generator } from './types.ts';

export const liveCompute: Generator = (topology, from, to, options): Plan => {
  const ctx = newCtx(topology, from, to);
  const migrate = options.migrate ?? 'none';
  everythingButNova(ctx);
  novaLive(ctx, migrate);
  horizon(ctx);
  return ctx.b.build({
    name: options.name ?? title(from, to, `live compute upgrade${migrate === 'none' ? '' : ` with ${migrate} migration`}`),
    from, to,
    policy: { instanceDowntime: migrate === 'cold' ? 'allow' : 'forbid', apiDowntime: 'allow' },
    topology,
  });
};
