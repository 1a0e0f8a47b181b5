/**
 * How a plan maps onto the lab, decided before anything starts: which nodes get which nova
 * containers, which frontends HAProxy serves, and every step the lab cannot perform, each
 * refusal naming what the lab can do instead. Nothing half-runs.
 */
import type { Action, Plan, ReleaseName, Step } from '../scenarios/plan.ts';
import { isLabService, LAB_SERVICES, type LabService } from './cloud/services.ts';
import { labReleases, suiteFor } from './images/suites.ts';

export interface LayoutNode {
  name: string;
  role: Plan['topology']['nodes'][number]['role'];
  release: ReleaseName;
  services: LabService[];
  /** Services the plan places here that the shared infra container provides instead. */
  shared: string[];
}

export interface LayoutFrontend {
  name: string;
  backends: string[];
}

export interface Refusal {
  stepId: string;
  message: string;
  instead: string;
}

export interface Layout {
  nodes: LayoutNode[];
  frontends: LayoutFrontend[];
  instances: { name: string; host: string }[];
  /** Every release the run needs an image for. */
  releases: ReleaseName[];
  refusals: Refusal[];
}

const PERFORMS = 'drain/undrain (nova-api frontends), stop/start/restart/upgrade of nova-api, nova-conductor, ' +
  'nova-scheduler, nova-compute, db (nova: sync, online-migrations), config (nova.conf), disable/enable (nova-compute), ' +
  'live-migrate, cold-migrate, delete-instance, reboot, add-node, remove-node, parallel';

export function planLayout(plan: Plan): Layout {
  const refusals: Refusal[] = [];
  const releases = new Set<ReleaseName>([plan.to]);
  const nodes: LayoutNode[] = plan.topology.nodes.map((n) => {
    const release = n.release ?? plan.from;
    releases.add(release);
    return {
      name: n.name, role: n.role, release,
      services: n.services.filter(isLabService),
      shared: n.services.filter((s) => !isLabService(s)),
    };
  });
  const frontends: LayoutFrontend[] = [];
  for (const fe of plan.topology.loadBalancers) {
    if (fe.service === 'nova-api') frontends.push({ name: fe.name, backends: [...fe.backends] });
  }
  if (frontends.length > 1) {
    refusals.push({ stepId: '0', message: `the lab serves one nova-api frontend; the plan has ${frontends.map((f) => f.name).join(', ')}`, instead: 'keep one nova-api load balancer' });
  }
  const visit = (step: Step): void => {
    const why = refuseAction(step.action, plan);
    if (why) refusals.push({ stepId: step.id, ...why });
    if (step.action.verb === 'add-node') releases.add(step.action.release);
    if (step.action.verb === 'parallel') step.action.steps.forEach(visit);
  };
  plan.steps.forEach(visit);
  for (const r of releases) {
    if (!suiteFor(r)) {
      refusals.push({ stepId: '0', message: `no lab image for release ${r}`, instead: `releases with images: ${labReleases().join(', ')}` });
    }
  }
  return { nodes, frontends, instances: plan.topology.instances.map((i) => ({ name: i.name, host: i.host })), releases: [...releases], refusals };
}

function refuseAction(a: Action, plan: Plan): { message: string; instead: string } | undefined {
  const instead = `the lab performs: ${PERFORMS}`;
  const nonLab = (services: readonly string[]) => services.filter((s) => !isLabService(s));
  switch (a.verb) {
    case 'drain':
    case 'undrain': {
      const fe = plan.topology.loadBalancers.find((f) => f.name === a.frontend);
      return fe && fe.service !== 'nova-api'
        ? { message: `${a.verb} of ${fe.service} frontend ${a.frontend}: the lab load-balances nova-api only`, instead }
        : undefined;
    }
    case 'stop':
    case 'start':
    case 'restart':
    case 'upgrade':
    case 'disable':
    case 'enable': {
      const bad = nonLab(a.services);
      if (bad.length) return { message: `${a.verb} ${bad.join(', ')} on ${a.node}: the shared infra container provides these and stays at one release`, instead: `act on ${LAB_SERVICES.join(', ')}` };
      if ((a.verb === 'disable' || a.verb === 'enable') && a.services.some((s) => s !== 'nova-compute')) {
        return { message: `${a.verb} applies to nova-compute only in the lab`, instead };
      }
      return undefined;
    }
    case 'db':
      if (a.project !== 'nova') return { message: `db ${a.phase} for ${a.project}: the shared infra container owns that schema`, instead: 'db steps for nova (sync, online-migrations)' };
      if (a.phase !== 'sync' && a.phase !== 'online-migrations') {
        return { message: `nova has no ${a.phase} phase (nova-manage offers db sync and online_data_migrations)`, instead: 'db: { service: nova, phase: sync | online-migrations }' };
      }
      return undefined;
    case 'config':
      return a.file === 'nova.conf' ? undefined : { message: `config of ${a.file}: the lab edits nova.conf only`, instead };
    case 'add-node':
      return nonLab(a.services).length ? { message: `add-node ${a.node} with ${nonLab(a.services).join(', ')}: only nova services run per node`, instead } : undefined;
    case 'redeploy':
    case 'failover':
      return { message: `${a.verb} is not performed by the lab`, instead };
    default:
      return undefined;
  }
}
