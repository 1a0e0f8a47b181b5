/**
 * RPC_INCOMPATIBLE, COMPUTE_NEWER_THAN_CONTROL and SERVICE_TOO_OLD over the running version mix:
 * compute RPC from api/conductor/scheduler to computes (with each sender's cap in force), computes
 * to conductors, api to conductors, neutron server and agents, cinder control and volumes.
 */
import { apiToConductor, cinderControlToVolume, computeToConductor, neutronServerToAgent } from '../../models/catalogue/compat.ts';
import { computeAccepts, NOVA_RPC_SOURCES } from '../../models/catalogue/nova-rpc.ts';
import { computeSupported, oldestSupportedCompute, SKEW_SOURCES } from '../../models/catalogue/nova-skew.ts';
import { release } from '../../models/catalogue/releases.ts';
import { parseRpcVersion } from '../../models/catalogue/rpc-version.ts';
import { finding, listNames, type Finding } from '../finding.ts';
import { byRelease, groups, members, releasesOf, type Census } from './census.ts';

export function rpcInvariants(c: Census): Finding[] {
  const out: Finding[] = [];
  const computes = groups(c, 'nova-compute');
  const computeReleases = releasesOf(computes);

  // Control services → computes, with the cap each sender resolved at its last start.
  for (const sender of groups(c, 'nova-conductor', 'nova-scheduler', 'nova-api')) {
    if (!sender.computeCap) continue;
    const v = parseRpcVersion(sender.computeCap);
    for (const r of computeReleases) {
      if (computeAccepts(r, v)) continue;
      const targets = members(byRelease(computes, r));
      out.push(finding('RPC_INCOMPATIBLE',
        `${listNames(sender.members)} (${sender.code}) send compute RPC ${sender.computeCap}, which ${r} computes do not accept: ${listNames(targets)}`,
        [...sender.members, ...targets],
        `Cap [upgrade_levels] compute on control services at a version the oldest compute accepts (auto, or the old release's alias) before they start on new code.`,
        NOVA_RPC_SOURCES, { key: `rpc-compute|${sender.service}|${sender.code}|${sender.computeCap}|${r}` }));
    }
  }

  const conductors = groups(c, 'nova-conductor');
  const control = conductors.length > 0 ? conductors : groups(c, 'nova-api', 'nova-scheduler');
  for (const ctl of releasesOf(control)) {
    const ctlGroups = byRelease(control, ctl);
    const ctlMembers = () => members(ctlGroups);
    for (const r of computeReleases) {
      if (release(r).index === release(ctl).index) continue;
      const targets = () => members(byRelease(computes, r));
      if (release(r).index > release(ctl).index) {
        const v = computeToConductor(ctl, r);
        out.push(finding('COMPUTE_NEWER_THAN_CONTROL',
          `${r} computes run under ${ctl} control services: ${listNames(targets())}. Unsupported by nova's upgrade policy; real nova does not block it (a newer compute registers and boots servers)`,
          [...targets(), ...ctlMembers()], 'Upgrade every nova control service (conductors first) before any compute.', v.source,
          { key: `newer|${ctl}|${r}` }));
      } else if (!computeSupported(ctl, r)) {
        const oldest = oldestSupportedCompute(ctl);
        out.push(finding('SERVICE_TOO_OLD',
          `${r} computes are older than ${ctl} supports (oldest supported: ${oldest.oldest}): ${listNames(targets())}`,
          [...targets(), ...ctlMembers()], `Nova control services support computes back to ${oldest.oldest} (${oldest.sourceNote}).`, SKEW_SOURCES,
          { key: `too-old|${ctl}|${r}` }));
      }
    }
  }

  // nova-api → conductors: conductors first, api last.
  for (const api of releasesOf(groups(c, 'nova-api'))) {
    for (const ctl of releasesOf(conductors)) {
      const v = apiToConductor(ctl, api);
      if (v.status !== 'refused') continue;
      const apis = members(byRelease(groups(c, 'nova-api'), api));
      const cs = members(byRelease(conductors, ctl));
      out.push(finding('RPC_INCOMPATIBLE', `nova-api ${api} (${listNames(apis)}) with nova-conductor ${ctl} (${listNames(cs)}): ${v.detail}`,
        [...apis, ...cs], 'Start conductors on the new release before nova-api.', v.source, { key: `api-conductor|${api}|${ctl}` }));
    }
  }

  // neutron server ↔ agents (an agent newer than the server is an ORDER matter).
  const servers = groups(c, 'neutron-server', 'quantum-server');
  const agents = groups(c, 'neutron-l2-agent', 'neutron-l3-agent', 'neutron-dhcp-agent', 'neutron-metadata-agent');
  for (const s of releasesOf(servers)) {
    for (const a of releasesOf(agents)) {
      if (release(a).index >= release(s).index) continue;
      const v = neutronServerToAgent(s, a);
      if (v.status !== 'refused') continue;
      const as = members(byRelease(agents, a));
      out.push(finding('RPC_INCOMPATIBLE', `neutron agents on ${a} (${listNames(as)}) with neutron-server ${s}: ${v.detail}`,
        [...as, ...members(byRelease(servers, s))], 'Neutron servers handle agents one release older.', v.source, { key: `neutron|${s}|${a}` }));
    }
  }

  // cinder scheduler/api ↔ volume/backup.
  const cinderControl = groups(c, 'cinder-scheduler', 'cinder-api');
  const volumes = groups(c, 'cinder-volume', 'cinder-backup');
  for (const s of releasesOf(cinderControl)) {
    for (const v of releasesOf(volumes)) {
      const verdict = cinderControlToVolume(s, v);
      if (verdict.status !== 'refused') continue;
      const vs = members(byRelease(volumes, v));
      out.push(finding('RPC_INCOMPATIBLE', `cinder control services on ${s} with cinder-volume/backup on ${v} (${listNames(vs)}): ${verdict.detail}`,
        [...members(byRelease(cinderControl, s)), ...vs], 'Cinder runs mixed versions only between adjacent releases, with automatic RPC pinning.',
        verdict.source, { key: `cinder|${s}|${v}` }));
    }
  }
  return out;
}
