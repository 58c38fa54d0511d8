import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApiListResources,
  ApprovalRequest,
  CreateResourceRequest,
  OfferingWithSchema,
  Page,
  PlatformApiClient,
  PlatformApiResponse,
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
  readonly #api: PlatformApiClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#api = new PlatformApiClient({ discoveryApi: options.discovery });
  }

  async listOfferings(options?: {
    credentials?: BackstageCredentials;
  }): Promise<OfferingWithSchema[]> {
    const body = await this.#json<{ items: OfferingWithSchema[] }>(
      options,
      token => this.#api.listOfferings({}, { token }),
    );
    return body.items;
  }

  async getOffering(
    id: string,
    options?: { credentials?: BackstageCredentials },
  ): Promise<OfferingWithSchema> {
    return this.#json(options, token =>
      this.#api.getOffering({ path: { id } }, { token }),
    );
  }

  async createResource(
    request: CreateResourceRequest,
    options?: PlatformClientCallOptions,
  ): Promise<PlatformResource> {
    return this.#json(options, token =>
      this.#api.createResource(
        { body: request, header: channelHeader(options) },
        { token },
      ),
    );
  }

  async dryRunResource(
    request: CreateResourceRequest,
    options?: PlatformClientCallOptions,
  ): Promise<RequestVerdict> {
    return this.#json(options, token =>
      this.#api.createResource(
        {
          body: request,
          query: { dryRun: 'true' },
          header: channelHeader(options),
        },
        { token },
      ),
    );
  }

  async getResource(
    id: string,
    options?: PlatformClientCallOptions,
  ): Promise<PlatformResource> {
    return this.#json(options, token =>
      this.#api.getResource({ path: { id } }, { token }),
    );
  }

  async listResources(
    query: Record<string, string | undefined>,
    options?: PlatformClientCallOptions,
  ): Promise<Page<PlatformResource>> {
    // Passed on as given: the API says what it refuses.
    const filter = query as ApiListResources['query'];
    return this.#json(options, token =>
      this.#api.listResources({ query: filter }, { token }),
    );
  }

  /** The resource's requests for approval, newest first. */
  async listResourceApprovals(
    id: string,
    options?: PlatformClientCallOptions,
  ): Promise<ApprovalRequest[]> {
    const body = await this.#json<{ items: ApprovalRequest[] }>(
      options,
      token => this.#api.listResourceApprovals({ path: { id } }, { token }),
    );
    return body.items;
  }

  async deleteResource(
    id: string,
    options?: PlatformClientCallOptions,
  ): Promise<PlatformResource> {
    return this.#json(options, token =>
      this.#api.deleteResource(
        { path: { id }, header: channelHeader(options) },
        { token },
      ),
    );
  }

  /**
   * Sends one request to the Platform API and returns its JSON body; for
   * routes this client has no method for.
   */
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
    return this.#json(options, token =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...options?.headers,
          Authorization: `Bearer ${token}`,
          ...(options?.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
        },
        body:
          options?.body !== undefined
            ? JSON.stringify(options.body)
            : undefined,
      }),
    );
  }

  /** Makes a call with a token for the given credentials, or the plugin's own. */
  async #json<T>(
    options: { credentials?: BackstageCredentials } | undefined,
    call: (token: string) => Promise<PlatformApiResponse<unknown> | Response>,
  ): Promise<T> {
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf:
        options?.credentials ?? (await this.#auth.getOwnServiceCredentials()),
      targetPluginId: 'platform',
    });
    const response = await call(token);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as Response);
    }
    // Parsed here rather than by fetch, so the objects belong to this realm
    // (the scaffolder only accepts plain objects as template values).
    return JSON.parse(await response.text()) as T;
  }
}

/** The channel header of a call, when one is given. */
function channelHeader(options: PlatformClientCallOptions | undefined) {
  return options?.channel && options.channel !== 'mcp'
    ? { 'x-platform-channel': options.channel }
    : undefined;
}
