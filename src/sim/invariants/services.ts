/** SCHEDULING_ON_STOPPED and NO_ACTIVE_SERVICE. */
import { sourceRefs } from '../../models/catalogue/facts.ts';
import { finding, listNames, type Finding } from '../finding.ts';
import { controlOutageAllowed } from '../policy.ts';
import type { World } from '../world.ts';
import { groups, members, type Census } from './census.ts';

const NOVA = sourceRefs('nova-doc-upgrades');

export function serviceInvariants(world: World, c: Census): Finding[] {
  const out: Finding[] = [];
  const canSchedule = groups(c, 'nova-api').length > 0 && groups(c, 'nova-scheduler').length > 0 && groups(c, 'nova-conductor').length > 0;
  if (canSchedule) {
    for (const who of c.enabledButDown) {
      out.push(finding('SCHEDULING_ON_STOPPED', `${who} is stopped but still enabled: the scheduler keeps sending it new instances, which fail`,
        [who], 'Disable a compute service before stopping or rebooting its node, and enable it once it runs again.', NOVA,
        { key: `sched|${who}` }));
    }
  }
  const policy = world.plan.policy;
  if (!controlOutageAllowed(policy, 'cinder-volume') && c.present.has('cinder-volume') && groups(c, 'cinder-volume').length === 0) {
    out.push(finding('NO_ACTIVE_SERVICE', 'no cinder-volume runs: volume operations fail',
      ['cinder-volume'], 'Keep one cinder-volume active: fail it over to an upgraded node before stopping it.',
      sourceRefs('cinder-doc-upgrades'), { key: 'active|cinder-volume' }));
  }
  const computes = groups(c, 'nova-compute');
  if (!controlOutageAllowed(policy, 'nova-conductor') && computes.length > 0 && groups(c, 'nova-conductor').length === 0 && c.present.has('nova-conductor')) {
    out.push(finding('NO_ACTIVE_SERVICE', `no nova-conductor runs while computes do (${listNames(members(computes))}): computes cannot report or act`,
      ['nova-conductor', ...members(computes).slice(0, 20)], 'Keep a nova-conductor running while computes run, or accept a control-plane outage in the policy.',
      NOVA, { key: 'active|nova-conductor' }));
  }
  return out;
}
