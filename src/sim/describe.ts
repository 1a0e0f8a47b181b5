/** One-line human summaries of actions ("upgrade nova-compute on compute1"). */
import type { Action } from '../scenarios/plan.ts';

export function describeAction(a: Action): string {
  switch (a.verb) {
    case 'drain': return `drain ${a.node} from frontend ${a.frontend}`;
    case 'undrain': return `return ${a.node} to frontend ${a.frontend}`;
    case 'stop':
    case 'start':
    case 'restart':
    case 'disable':
    case 'enable':
      return `${a.verb} ${a.services.join(', ')} on ${a.node}`;
    case 'upgrade': return `upgrade ${a.services.join(', ')} on ${a.node}${a.release ? ` to ${a.release}` : ''}`;
    case 'db': return `db ${a.phase} for ${a.project}${a.database ? ` on ${a.database}` : ''}${a.release ? ` to ${a.release}` : ''}`;
    case 'config': return `set ${a.file} [${a.section}] ${a.key} = ${a.value ?? '(removed)'} on ${a.nodes.join(', ')}`;
    case 'live-migrate': return `live-migrate ${a.instance} to ${a.to}`;
    case 'cold-migrate': return `cold-migrate ${a.instance} to ${a.to}`;
    case 'redeploy': return `redeploy ${a.instance} on ${a.to}`;
    case 'delete-instance': return `delete ${a.instance}`;
    case 'reboot': return `reboot ${a.node}`;
    case 'add-node': return `add ${a.role} ${a.node} (${a.services.join(', ')}) on ${a.release}`;
    case 'remove-node': return `remove ${a.node}`;
    case 'failover': return `fail ${a.service} over to ${a.to}`;
    case 'parallel': return `in parallel: ${a.steps.map((s) => describeAction(s.action)).join('; ')}`;
  }
}
