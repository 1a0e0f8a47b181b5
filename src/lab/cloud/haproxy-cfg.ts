/**
 * haproxy.cfg for the run: one frontend per nova-api load balancer of the plan, and one for
 * keystone so the host can get tokens through loopback. Backends are resolved through Docker's
 * DNS at run time, because an upgrade replaces a container and with it its address.
 */

export interface LbBackend {
  /** HAProxy server name: the plan's node name, so runtime commands read like the plan. */
  server: string;
  address: string;
  port: number;
}

export interface LbFrontend {
  name: string;
  port: number;
  backends: LbBackend[];
  healthPath: string;
}

export const HAPROXY_SOCKET = '/run/haproxy-admin.sock';

export function haproxyCfg(frontends: LbFrontend[]): string {
  const parts = [
    `global
    maxconn 4000
    # State changes ("Server nova-api-lb/ctl1 is DOWN") go to the container log: lab evidence.
    log stdout format raw daemon notice
    stats socket ${HAPROXY_SOCKET} mode 600 level admin

resolvers docker
    nameserver dns 127.0.0.11:53
    hold valid 1s
    hold nx 1s
    hold obsolete 1s

defaults
    mode http
    log global
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    # A slow answer on a busy 2-core host is not a dead backend: only failed or 5 s-late checks count.
    timeout check 5s
    retries 1
    default-server inter 1s fall 3 rise 2 init-addr last,libc,none resolvers docker
`,
  ];
  for (const fe of frontends) {
    parts.push(`frontend ${fe.name}
    bind :${fe.port}
    default_backend ${fe.name}

backend ${fe.name}
    balance roundrobin
    option httpchk GET ${fe.healthPath}
${fe.backends.map((b) => `    server ${b.server} ${b.address}:${b.port} check`).join('\n')}
`);
  }
  return parts.join('\n');
}
