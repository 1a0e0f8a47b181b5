import { describe, expect, it } from 'vitest';
import { sourceRef } from '../src/models/catalogue/facts.ts';
import { serviceVersion } from '../src/models/catalogue/nova-skew.ts';
import { release } from '../src/models/catalogue/releases.ts';
import type { ReleaseName } from '../src/scenarios/plan.ts';

describe('the catalogue', () => {
  it('takes 2026.2 from the released nova 34.0.0 the lab ran, not from the master snapshot, citing it', () => {
    const hibiscus = release('hibiscus' as ReleaseName);
    expect(serviceVersion('hibiscus' as ReleaseName)).toBe(74);
    expect(hibiscus.raw.projectVersions.nova).toBe('34.0.0');
    expect(hibiscus.raw.nova.computeRpcAliasesKnownAtTag['hibiscus']).toBe('6.5');
    expect(hibiscus.raw.sourceIds).toContain('lab-debian-nova-34');
    expect(sourceRef('lab-debian-nova-34').url).toMatch(/packages\.debian\.org/);
    // Released versions keep their facts as copied.
    expect(serviceVersion('gazpacho' as ReleaseName)).toBe(72);
  });
});
