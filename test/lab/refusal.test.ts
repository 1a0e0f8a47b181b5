/**
 * Refusals happen before anything starts: a verb the lab cannot perform, or a release without
 * an image, ends the run with the reason and what the lab can do instead, and creates nothing.
 */
import { describe, expect, it } from 'vitest';
import { planLayout } from '../../src/lab/layout.ts';
import { runLab } from '../../src/lab/run.ts';
import { parsePlan } from '../../src/scenarios/parse.ts';

const plan = (steps: string, extraNode = '') => {
  const r = parsePlan(`apiVersion: preflight/v1
name: refusal
from: "2025.1"
to: "2026.1"
topology:
  nodes:
    ctl1: { role: controller, services: [keystone, nova-api, nova-conductor, nova-scheduler] }
    compute1: { role: compute, services: [nova-compute] }
${extraNode}steps:
${steps}`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
};

describe('lab refusals', () => {
  it('refuses to upgrade a service the shared infra container provides, naming what it can do', async () => {
    const report = await runLab(plan('  - upgrade: { node: ctl1, service: keystone }\n'), { say: () => {} });
    expect(report.outcome.status).toBe('refused');
    if (report.outcome.status !== 'refused') return;
    expect(report.outcome.refusals[0]?.message).toMatch(/keystone on ctl1/);
    expect(report.outcome.refusals[0]?.instead).toMatch(/nova-conductor/);
    expect(report.phases).toEqual([]);
  });

  it('refuses a release it has no image for', () => {
    const layout = planLayout(plan('  - add-node: { node: compute9, role: compute, services: [nova-compute], release: yoga }\n'));
    expect(layout.refusals.map((r) => r.message)).toContain('no lab image for release yoga');
    expect(layout.refusals[0]?.instead).toMatch(/epoxy/);
  });

  it('refuses db phases nova does not have', () => {
    const layout = planLayout(plan('  - db: { service: nova, phase: contract }\n'));
    expect(layout.refusals[0]?.message).toMatch(/nova has no contract phase/);
  });
});
