/** Neutron: servers then agents when agents may trail, agents stopped around the servers when not, or everything together. */
import { NEUTRON_AGENTS, NEUTRON_SERVERS } from '../../scenarios/generators/view.ts';
import { dbPhases, install, restartAll, startAll, stopAll, wave, type Unit } from '../procedures.ts';
import { present } from '../topo.ts';
import { projectProcedures } from './project.ts';
import type { Group, HopCtx, Procedure } from './types.ts';

export function neutron(h: HopCtx): Group[] {
  const servers = present(h.topo, NEUTRON_SERVERS);
  const agents = present(h.topo, NEUTRON_AGENTS);
  const agentUnit: Unit = { group: 'neutron-agents', topo: h.topo, services: agents };
  const out: Group[] = [];
  if (servers.length > 0) {
    out.push({
      id: 'neutron-server',
      procedures: () => {
        const alone = projectProcedures(h, 'neutron-server', 'neutron', servers);
        if (agents.length === 0) return alone;
        // Agents that cannot talk to a newer server wait stopped, get their packages once every server is new, and start.
        const paused = { ...agentUnit, group: 'neutron-server' };
        const withAgents = projectProcedures(h, 'neutron-server', 'neutron', servers, {
          before: stopAll(paused, `Neutron agents stopped: ${h.from} agents cannot run under a ${h.to} server`),
          after: [...install(paused, `Neutron agents: install ${h.to} packages, every server runs ${h.to}`), ...startAll(paused, `Neutron agents started on ${h.to}`)],
        });
        // Everything neutron stopped, installed together, servers then agents started: no moment
        // where a reboot can bring up an agent its server cannot talk to (a neutron API outage).
        const serverUnit: Unit = { group: 'neutron-server', topo: h.topo, services: servers };
        const together: Procedure = {
          id: 'offline+agents-with-servers',
          covers: ['neutron-agents'],
          render: () => [
            ...stopAll(paused, 'Neutron agents stopped first'),
            ...stopAll(serverUnit, `Neutron servers stopped: servers and agents move to ${h.to} together`),
            ...install({ ...serverUnit, services: [...servers, ...agents] }, `Neutron: install ${h.to} packages for servers and agents while all are stopped`),
            ...dbPhases('neutron-server', h.topo, 'neutron', ['sync'], 'Neutron db sync with every server stopped'),
            ...startAll(serverUnit, `Neutron servers started on ${h.to}`),
            ...startAll(paused, `Neutron agents started on ${h.to}, after the servers`),
          ],
        };
        return [...alone, ...withAgents.map((p) => ({ ...p, id: `${p.id}+agents-paused`, covers: ['neutron-agents'] })), together];
      },
    });
  }
  if (agents.length > 0) {
    out.push({
      id: 'neutron-agents',
      procedures: () => [{ id: 'restart-all', render: () => wave(agentUnit, { install: `Neutron agents: install ${h.to} packages`, restart: `Neutron agents restarted on ${h.to} (the server handles older agents, not newer ones)` }) }],
    });
  }
  return out;
}

