import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { OfferingWithSchema } from '@internal/plugin-platform-common';
import { PlatformApi } from './PlatformApi';

/**
 * Calls the Platform API backend as the signed-in user.
 *
 * @public
 */
export class PlatformClient implements PlatformApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listOfferings(): Promise<OfferingWithSchema[]> {
    const body = await this.#request<{ items: OfferingWithSchema[] }>(
      '/offerings',
    );
    return body.items;
  }

  async getOffering(id: string): Promise<OfferingWithSchema> {
    return this.#request(`/offerings/${encodeURIComponent(id)}`);
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('platform');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
