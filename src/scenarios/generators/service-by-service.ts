/**
 * Scenario 2 (service by service): keystone, glance, placement, neutron (server, then agents),
 * cinder, nova, horizon, one project at a time, each stopped, upgraded, synced and started.
 * Each project's APIs are down while it is upgraded, nova's computes with them (instances keep
 * running): the policy accepts API downtime only.
 */
import type { Plan } from '../plan.ts';
import { newCtx } from './context.ts';
import { everythingButNova, horizon, novaOffline } from './in-place.ts';
import { title } from './releases.ts';
import type { Generator } from './types.ts';

export const serviceByService: Generator = (topology, from, to, options): Plan => {
  const ctx = newCtx(topology, from, to);
  everythingButNova(ctx);
  novaOffline(ctx);
  horizon(ctx);
  return ctx.b.build({
    name: options.name ?? title(from, to, 'service by service'),
    from, to,
    policy: { instanceDowntime: 'forbid', apiDowntime: 'allow' },
    topology,
  });
};
