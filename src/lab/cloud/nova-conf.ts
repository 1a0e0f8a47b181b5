/**
 * nova.conf for one lab node. Every node talks to the shared infra container by its network
 * alias; the compute API in the catalog points at the load balancer, as in a real HA cloud.
 * Report intervals are short so that a service's state shows within seconds, not minutes.
 */

export interface NovaConfInput {
  host: string;
  fakeDriver: string;
  /**
   * The node runs nova-compute only: no database connections, as nova's deployment guides say.
   * This matters beyond hygiene: with [api_database] connection set, a nova-compute under
   * `[upgrade_levels] compute = auto` asks every cell's database for the minimum compute version,
   * is refused ("No DB access allowed in nova-compute"), and falls back to no cap at all. A 2026.1
   * compute then sent 6.5 calls (pre_live_migration on the new 'compute-alt' topic) to a 2025.1
   * compute that never answered: live migrations to older computes timed out after 60 s. Without
   * it, nova-compute asks the conductor and pins 6.4 like every other service.
   */
  computeOnly?: boolean;
}

function auth(user: string): string {
  return [
    'auth_type = password', 'auth_url = http://infra:5000/v3', 'project_domain_name = Default',
    'user_domain_name = Default', 'project_name = service', `username = ${user}`, `password = ${user}`,
    'region_name = RegionOne',
  ].join('\n');
}

export function novaConf(input: NovaConfInput): string {
  return `[DEFAULT]
host = ${input.host}
transport_url = rabbit://os:os@infra:5672/
compute_driver = ${input.fakeDriver}
state_path = /var/lib/nova
my_ip = 127.0.0.1
report_interval = 1
# A stop waits at most this long for in-flight work (oslo.service's default is 60 s).
graceful_shutdown_timeout = 5
use_stderr = true
debug = false
osapi_compute_workers = 2

[api]
auth_strategy = keystone

[api_database]
${input.computeOnly ? '' : 'connection = mysql+pymysql://os:os@infra/nova_api\n'}
[database]
${input.computeOnly ? '' : 'connection = mysql+pymysql://os:os@infra/nova\n'}
[keystone_authtoken]
www_authenticate_uri = http://infra:5000/v3
${auth('nova')}

[service_user]
send_service_user_token = true
${auth('nova')}

[placement]
${auth('placement')}

[neutron]
${auth('neutron')}

[glance]

[scheduler]
discover_hosts_in_cells_interval = 2
# One worker each: two cores are shared by a dozen services.
workers = 1

[conductor]
workers = 1

[oslo_concurrency]
lock_path = /var/lib/nova/tmp

[oslo_messaging_notifications]
driver = noop

[vnc]
enabled = false

[upgrade_levels]
`;
}
