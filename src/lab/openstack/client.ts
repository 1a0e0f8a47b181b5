/**
 * A small REST client for the lab's own cloud, reached only through loopback (HAProxy's published
 * ports). Plain fetch with one admin token: the lab needs a dozen calls, not an SDK.
 */

/** A microversion that Zed through 2026.x all serve: mixed-release control planes must agree. */
export const MICROVERSION = '2.88';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

export interface Server {
  id: string;
  name: string;
  status: string;
  'OS-EXT-SRV-ATTR:host'?: string | null;
  fault?: { message: string };
}

export interface ServiceRow {
  id: string;
  binary: string;
  host: string;
  status: 'enabled' | 'disabled';
  state: 'up' | 'down';
}

export class OpenStackClient {
  private token: string | undefined;
  constructor(
    private readonly keystoneUrl: string,
    private readonly novaUrl: string,
  ) {}

  async authenticate(): Promise<void> {
    const res = await fetch(`${this.keystoneUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: 'admin' } } },
          scope: { project: { name: 'admin', domain: { id: 'default' } } },
        },
      }),
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status !== 201) throw new Error(`keystone token: HTTP ${res.status} ${await res.text()}`);
    this.token = res.headers.get('x-subject-token') ?? undefined;
  }

  /** One compute API call; network errors become status 0 with the error text as body. */
  async nova<T = any>(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<HttpResult<T>> {
    const start = performance.now();
    try {
      const res = await fetch(`${this.novaUrl}/v2.1${path}`, {
        method,
        headers: {
          'Content-Type': 'application/json',
          'X-Auth-Token': this.token ?? '',
          'OpenStack-API-Version': `compute ${MICROVERSION}`,
          Connection: 'close',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        /* keep the text: HAProxy's 503 page is HTML */
      }
      return { status: res.status, body: parsed as T, ms: performance.now() - start };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { status: 0, body: `${(err as Error).message}${cause ? ` (${cause})` : ''}` as T, ms: performance.now() - start };
    }
  }

  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.nova<T>(method, path, body);
    if (r.status < 200 || r.status >= 300) {
      throw new Error(`${method} ${path}: HTTP ${r.status} ${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}`.slice(0, 600));
    }
    return r.body;
  }

  async servers(): Promise<Server[]> {
    return (await this.ok<{ servers: Server[] }>('GET', '/servers/detail?all_tenants=1')).servers;
  }

  async services(binary?: string): Promise<ServiceRow[]> {
    const q = binary ? `?binary=${binary}` : '';
    return (await this.ok<{ services: ServiceRow[] }>('GET', `/os-services${q}`)).services;
  }
}
