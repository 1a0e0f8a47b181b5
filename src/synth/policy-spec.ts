/**
 * `--policy` as an operator types it: a preset (zero-downtime, api-downtime, allow-all) or
 * `instances=forbid|allow,api=forbid|allow|PROJECT+PROJECT`. The default is the safest policy.
 */
import { PROJECTS, SERVICE_NAMES, type Policy } from '../scenarios/plan.ts';

export const POLICY_PRESETS: Record<string, Policy> = {
  'zero-downtime': { instanceDowntime: 'forbid', apiDowntime: 'forbid' },
  'api-downtime': { instanceDowntime: 'forbid', apiDowntime: 'allow' },
  'allow-all': { instanceDowntime: 'allow', apiDowntime: 'allow' },
};

export function parsePolicySpec(text: string): { ok: true; policy: Policy } | { ok: false; message: string } {
  const preset = POLICY_PRESETS[text.trim()];
  if (preset) return { ok: true, policy: preset };
  const policy: Policy = { ...POLICY_PRESETS['zero-downtime']! };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value = ''] = part.split('=').map((x) => x.trim());
    if (key === 'instances') {
      if (value !== 'allow' && value !== 'forbid') return { ok: false, message: `instances= takes allow or forbid, got "${value}"` };
      policy.instanceDowntime = value;
    } else if (key === 'api') {
      if (value === 'allow' || value === 'forbid') policy.apiDowntime = value;
      else {
        const names = value.split('+').map((x) => x.trim()).filter(Boolean);
        const known = new Set<string>([...PROJECTS, ...SERVICE_NAMES]);
        const bad = names.filter((n) => !known.has(n));
        if (names.length === 0 || bad.length > 0) return { ok: false, message: `api= takes allow, forbid or projects/services joined by + (unknown: ${bad.join(', ') || 'none given'})` };
        policy.apiDowntime = names;
      }
    } else {
      return { ok: false, message: `unknown policy part "${part}": use ${Object.keys(POLICY_PRESETS).join(', ')}, or instances=…,api=…` };
    }
  }
  return { ok: true, policy };
}
