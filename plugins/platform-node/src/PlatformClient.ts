import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { OfferingWithSchema } from '@internal/plugin-platform-common';

/**
 * Calls the Platform API from other backend plugins, as the user or service
 * whose credentials are given, or as the calling plugin itself.
 *
 * @public
 */
export class PlatformClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
  }

  async listOfferings(options?: {
    credentials?: BackstageCredentials;
  }): Promise<OfferingWithSchema[]> {
    const body = await this.request<{ items: OfferingWithSchema[] }>(
      'GET',
      '/offerings',
      options,
    );
    return body.items;
  }

  async getOffering(
    id: string,
    options?: { credentials?: BackstageCredentials },
  ): Promise<OfferingWithSchema> {
    return this.request('GET', `/offerings/${encodeURIComponent(id)}`, options);
  }

  /** Sends one request to the Platform API and returns its JSON body. */
  async request<T>(
    method: string,
    path: string,
    options?: {
      credentials?: BackstageCredentials;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl('platform');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf:
        options?.credentials ?? (await this.#auth.getOwnServiceCredentials()),
      targetPluginId: 'platform',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...options?.headers,
        Authorization: `Bearer ${token}`,
        ...(options?.body !== undefined
          ? { 'Content-Type': 'application/json' }
          : {}),
      },
      body:
        options?.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
