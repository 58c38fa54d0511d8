import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalRequest,
  CreateResourceRequest,
  OfferingWithSchema,
  Page,
  PlatformResource,
  RequestChannel,
  RequestVerdict,
} from '@idp-kit/plugin-platform-common';

/**
 * Who a call is made for, and through which channel.
 *
 * @public
 */
export interface PlatformClientCallOptions {
  credentials?: BackstageCredentials;
  channel?: RequestChannel;
}

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

  async createResource(
    request: CreateResourceRequest,
    options?: PlatformClientCallOptions,
  ): Promise<PlatformResource> {
    return this.request('POST', '/resources', this.#call(options, request));
  }

  async dryRunResource(
    request: CreateResourceRequest,
    options?: PlatformClientCallOptions,
  ): Promise<RequestVerdict> {
    return this.request(
      'POST',
      '/resources?dryRun=true',
      this.#call(options, request),
    );
  }

  async getResource(
    id: string,
    options?: PlatformClientCallOptions,
  ): Promise<PlatformResource> {
    return this.request(
      'GET',
      `/resources/${encodeURIComponent(id)}`,
      this.#call(options),
    );
  }

  async listResources(
    query: Record<string, string | undefined>,
    options?: PlatformClientCallOptions,
  ): Promise<Page<PlatformResource>> {
    const params = new URLSearchParams(
      Object.entries(query).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    return this.request('GET', `/resources?${params}`, this.#call(options));
  }

  /** The resource's requests for approval, newest first. */
  async listResourceApprovals(
    id: string,
    options?: PlatformClientCallOptions,
  ): Promise<ApprovalRequest[]> {
    const body = await this.request<{ items: ApprovalRequest[] }>(
      'GET',
      `/resources/${encodeURIComponent(id)}/approvals`,
      this.#call(options),
    );
    return body.items;
  }

  async deleteResource(
    id: string,
    options?: PlatformClientCallOptions,
  ): Promise<PlatformResource> {
    return this.request(
      'DELETE',
      `/resources/${encodeURIComponent(id)}`,
      this.#call(options),
    );
  }

  #call(options: PlatformClientCallOptions | undefined, body?: unknown) {
    return {
      credentials: options?.credentials,
      body,
      headers: options?.channel
        ? { 'x-platform-channel': options.channel }
        : undefined,
    };
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
    // Parsed here rather than by fetch, so the objects belong to this realm
    // (the scaffolder only accepts plain objects as template values).
    return JSON.parse(await response.text()) as T;
  }
}
