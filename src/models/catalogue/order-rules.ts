/**
 * The documented cross-service upgrade order, as "A before B" rules: while some B runs newer code
 * than a running A, the order was broken. Each rule cites the project documentation.
 */
import type { ServiceName } from '../../scenarios/plan.ts';
import type { SourceRef } from '../../sim/result.ts';
import { sourceRefs } from './facts.ts';
import { SERVICE_INFO } from './services.ts';

export interface OrderRule {
  id: string;
  /** Services that must be upgraded first. */
  first: (s: ServiceName) => boolean;
  /** Services that must not run newer code than any running `first` service. */
  then: (s: ServiceName) => boolean;
  rule: string;
  source: SourceRef[];
}

const isNova = (s: ServiceName) => SERVICE_INFO[s].project === 'nova';
const isNeutronServer = (s: ServiceName) => s === 'neutron-server' || s === 'quantum-server';
const CINDER_ORDER: ServiceName[] = ['cinder-scheduler', 'cinder-volume', 'cinder-backup', 'cinder-api'];

export const ORDER_RULES: OrderRule[] = [
  {
    id: 'keystone-first',
    first: (s) => s === 'keystone',
    then: (s) => s !== 'keystone',
    rule: 'Keystone is upgraded before every other service, which authenticate through it.',
    source: sourceRefs('keystone-doc-upgrading', 'nova-doc-upgrades'),
  },
  {
    id: 'placement-before-nova',
    first: (s) => s === 'placement-api',
    then: isNova,
    rule: 'Placement is upgraded before any nova service.',
    source: sourceRefs('nova-doc-upgrades', 'placement-upgrade-notes-pre-2024'),
  },
  {
    id: 'neutron-server-before-agents',
    first: isNeutronServer,
    then: (s) => s.startsWith('neutron-') && s.endsWith('-agent'),
    rule: 'Every neutron-server is upgraded before the agents: the server handles older agents, agents have no compat code.',
    source: sourceRefs('neutron-doc-upgrade'),
  },
  ...CINDER_ORDER.slice(0, -1).map((first, i): OrderRule => ({
    id: `cinder-${first}-first`,
    first: (s) => s === first,
    then: (s) => CINDER_ORDER.indexOf(s) > i,
    rule: 'Cinder is upgraded scheduler, then volume, then backup, and cinder-api last.',
    source: sourceRefs('cinder-doc-upgrades', 'cinder-doc-rolling-contrib'),
  })),
];
