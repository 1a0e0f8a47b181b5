/** Quantum became Neutron at Havana: either name selects the one server a node was declared with. */
import { describe, expect, it } from 'vitest';
import { check, plan } from './helpers/plans.ts';

const GRIZZLY = `apiVersion: preflight/v1
name: rename
from: grizzly
to: havana
policy: { apiDowntime: allow }
topology:
  nodes:
    ctl: { role: controller, services: [keystone, quantum-server] }
steps:
  - stop: { node: ctl, service: "*" }
  - upgrade: { node: ctl, service: "*" }
  - db: { service: keystone, phase: sync }
  - db: { service: quantum, phase: sync }
  - start: { node: ctl, service: [keystone, neutron-server] }
`;

describe('quantum-server → neutron-server', () => {
  it('resolves neutron-server to the declared quantum-server', () => {
    const p = plan(GRIZZLY);
    const start = p.steps[4]!.action;
    expect(start.verb === 'start' && start.services).toEqual(['keystone', 'quantum-server']);
    expect(p.steps[3]!.action).toMatchObject({ verb: 'db', project: 'neutron' });
  });
  it('checks the rename as one service upgraded in place', () => {
    expect(check(GRIZZLY).violations).toEqual([]);
  });
  it('still refuses a server the node never had', () => {
    expect(() => plan(GRIZZLY.replace('[keystone, quantum-server]', '[keystone]'))).toThrow(/PLAN-E018/);
  });
});
