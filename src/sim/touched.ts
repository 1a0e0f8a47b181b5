/** Which nodes a step can change, so the census recounts only those. */
import type { Action, NodeName } from '../scenarios/plan.ts';

export function touchedNodes(a: Action): NodeName[] | 'all' {
  switch (a.verb) {
    case 'stop':
    case 'start':
    case 'restart':
    case 'upgrade':
    case 'disable':
    case 'enable':
    case 'reboot':
    case 'add-node':
    case 'remove-node':
      return [a.node];
    case 'config':
      return a.nodes;
    case 'drain':
    case 'undrain':
    case 'db':
    case 'live-migrate':
    case 'cold-migrate':
    case 'redeploy':
    case 'delete-instance':
      return [];
    case 'failover':
    case 'parallel':
      return 'all';
  }
}
