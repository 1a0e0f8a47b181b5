import { describe, expect, it } from 'vitest';
import { ComputeRecords } from '../src/sim/compute-records.ts';
import type { NodeName, ReleaseName } from '../src/scenarios/plan.ts';

const n = (s: string) => s as NodeName;
const r = (s: string) => s as ReleaseName;

describe('ComputeRecords', () => {
  it('keeps the releases held in step with re-registrations and removals', () => {
    const records = new ComputeRecords();
    records.set(n('c1'), r('epoxy')).set(n('c2'), r('epoxy')).set(n('c3'), r('caracal'));
    expect([...records.releases()].sort()).toEqual(['caracal', 'epoxy']);
    records.set(n('c3'), r('epoxy'));
    expect([...records.releases()]).toEqual(['epoxy']);
    records.delete(n('c1'));
    records.delete(n('c9'));
    expect([...records.releases()]).toEqual(['epoxy']);
    records.delete(n('c2'));
    records.delete(n('c3'));
    expect([...records.releases()]).toEqual([]);
    expect(records.size).toBe(0);
  });
});
