export interface Config {
  /** Configuration of the self-service platform. */
  platform?: {
    /**
     * Environments resources can be requested for.
     * Defaults to development, staging and production.
     */
    environments?: string[];

    /** Which catalog groups are teams. */
    teams?: {
      /**
       * Origins whose groups count as teams: origin locations as the catalog
       * records them (`backstage.io/managed-by-origin-location`), such as
       * `url:https://github.com/acme/org/blob/main/org.yaml`,
       * `file:./org.yaml` (resolved from the backend's working directory) or
       * a provider's location; `*` matches anything. Defaults to the
       * `catalog.locations` of the config. A group from any other origin (a
       * location someone registered, say) is refused as a team.
       */
      trustedOrigins?: string[];
      /**
       * The platform team's group; its components and systems may be used by
       * every team's resources. Default `group:default/platform-team`.
       */
      platformTeam?: string;
    };

    /**
     * Limits on live resources per team and offering.
     */
    quotas?: {
      /** Limit per offering id, for every team. */
      defaults?: { [offering: string]: number };
      /** Limits per team name, overriding the defaults. */
      teams?: { [team: string]: { [offering: string]: number } };
      /**
       * The limit of every offering that neither `defaults` nor the team's
       * limits name, such as one a module adds; default 20.
       */
      defaultLimit?: number;
    };

    /**
     * Field requirements per environment and offering. When absent: production
     * databases need high_availability and at least 7 days of backups, and
     * production web applications at least 2 replicas.
     */
    environmentRules?: Array<{
      environment: string;
      offering: string;
      field: string;
      equals?: string | number | boolean;
      min?: number;
      max?: number;
      /** The reason shown to the requester. */
      reason?: string;
    }>;

    /**
     * Requests that go ahead only once approved: a create or change matching
     * a rule waits in `awaiting-approval` until a member of each approving
     * group who did not make the request approves it (docs/approvals.md).
     */
    approvals?: {
      /**
       * How long a request waits for a decision before it is rejected as
       * expired: a duration object ({ days: 7 }) or ISO 8601 (P7D); default 7 days.
       */
      expireAfter?: { [unit: string]: number } | string;
      rules?: Array<{
        /** The offering id the rule applies to; every offering when absent. */
        offering?: string;
        /** The environment the rule applies to; every environment when absent. */
        environment?: string;
        /** Configuration values that make a request need approval: a value or a list of values per field. */
        when?: {
          [field: string]:
            | string
            | number
            | boolean
            | Array<string | number | boolean>;
        };
        /** The approving group, as an entity ref (group:default/platform-team or platform-team). */
        approvers: string;
        /** The reason shown to the requester and the approvers. */
        reason?: string;
      }>;
    };

    /**
     * How long resources live, as ISO 8601 durations (P7D). A request may
     * ask for an expiresAt up to the maximum from now; otherwise the default
     * applies. An environment not listed has no lifetime (docs/lifetimes-and-costs.md).
     */
    lifetimes?: {
      environments?: {
        [environment: string]: { default?: string; max?: string };
      };
      /** Per offering id and environment, overriding the environment's. */
      offerings?: {
        [offering: string]: {
          [environment: string]: { default?: string; max?: string };
        };
      };
      /** How long before expiry owners are notified; default [P2D, PT2H]. */
      notifyBefore?: string[];
    };

    /**
     * Monthly prices of offerings, in one currency; each rule is one line of
     * the price (docs/lifetimes-and-costs.md).
     */
    pricing?: {
      /** Default USD. */
      currency?: string;
      offerings?: {
        [offering: string]: {
          rules: Array<{
            item: string;
            monthly?: number;
            field?: string;
            prices?: { [value: string]: number };
            perUnit?: number;
            tiers?: Array<{ upTo?: number; monthly: number }>;
            per?: string;
            equals?: string | number | boolean;
            factor?: number;
          }>;
        };
      };
    };

    /** Monthly budgets in the pricing currency: a request may not take a team over its budget. */
    budgets?: {
      /** The budget of teams not listed; none when absent. */
      default?: number;
      teams?: { [team: string]: number };
    };

    /**
     * Limits on calls to the Platform API and to the platform's actions (which
     * AI assistants call through the MCP server). On unless `enabled` is
     * false: 600 a minute per principal and 600 a minute per client address.
     * Counts are kept in each replica's memory, so with N replicas a caller
     * may make up to N times the limit. The API's routes and the actions are
     * counted apart. Over a limit: 429 with `Retry-After` (docs/security.md).
     */
    rateLimit?: {
      /** Whether calls are limited; default true. */
      enabled?: boolean;
      /**
       * Calls per user (entity ref) or service (subject), from any address,
       * loopback included. The backend's own plugins are not counted.
       */
      perPrincipal?: {
        /** A duration object ({ minutes: 1 }) or ISO 8601 (PT1M); default a minute. */
        window?: { [unit: string]: number } | string;
        /** Calls per window; default 600. */
        limit?: number;
      };
      /**
       * API requests per client address (`backend.trustProxy` decides which
       * address that is behind a proxy); loopback addresses are not counted.
       */
      perAddress?: {
        /** A duration object ({ minutes: 1 }) or ISO 8601 (PT1M); default a minute. */
        window?: { [unit: string]: number } | string;
        /** Requests per window; default 600. */
        limit?: number;
      };
    };

    /** How the provisioning engine works through resources. */
    provisioning?: {
      /** Whether this replica runs provisioners; default true. */
      enabled?: boolean;
      /** Resources this replica works on at once; default 16. */
      concurrency?: number;
      /** Attempts before a provision or update fails; default 5. Deletion retries until it succeeds. */
      maxAttempts?: number;
      /** Time limit of one attempt; default 300. */
      attemptTimeoutSeconds?: number;
      /**
       * How long an attempt that timed out may take to stop before the wait
       * for it is put on the resource's timeline; default 10. Its retry waits
       * for it regardless. Also how long shutting down waits for attempts.
       */
      abortGraceSeconds?: number;
      /** How long a claim on a resource lasts unless renewed; default 30. */
      leaseSeconds?: number;
      /** How often to look for work from other replicas and retries that are due; default 5. */
      sweepIntervalSeconds?: number;
      /** First retry delay; doubles per attempt up to backoffMaxSeconds. Default 2. */
      backoffInitialSeconds?: number;
      /** Longest retry delay; default 300. */
      backoffMaxSeconds?: number;
      /** How often ready resources are checked for health and drift; default 300. */
      reconcileIntervalSeconds?: number;
    };

    /**
     * How many days records are kept; a scheduled task (`platform-retention`,
     * every 6 hours on one replica) deletes older ones in batches. Each value
     * is a whole number of days. Resources themselves, and the tombstones of
     * deleted ones, are kept.
     */
    retention?: {
      /**
       * Timeline events; default 400 (a year and a margin). The newest event
       * of a resource that is not deleted is kept regardless.
       */
      eventsDays?: number;
      /**
       * Reconcile health checks, one per ready resource and reconcile;
       * default 90. The availability of `GET /health/summary` covers at most
       * these days (its `availabilityWindowDays`), even for a longer window.
       */
      healthChecksDays?: number;
      /** Support tickets, whatever their status; default 400. */
      ticketsDays?: number;
      /**
       * Survey answers; default 400, at least 365 (the longest window of
       * `GET /health/summary`), so every window's satisfaction is complete.
       */
      surveyAnswersDays?: number;
    };

    /** Encryption of connection secrets at rest. */
    secrets?: {
      /**
       * Key for the AES-256-GCM encryption of connection secrets: at least 32
       * random bytes in base64 or hex. Required in production, which also
       * refuses a shorter key and any key published in the repository.
       * Outside production a missing key means a development key, and any
       * other string is used as a passphrase.
       * @visibility secret
       */
      encryptionKey?: string;
      /**
       * Keys that sealed secrets before the current one. Values they sealed
       * stay readable and are sealed again with the current key within an
       * hour (a scheduled task); then a key can leave this list.
       * @visibility secret
       */
      previousKeys?: string[];
    };

    /** Offerings added to the built-in ones. */
    offerings?: Array<{
      /** Stable identifier, used in API paths and quotas. */
      id: string;
      name: string;
      description: string;
      /** What kind of thing this is, for example compute, database or networking. */
      type: string;
      version?: string;
      /** The team (catalog group) that runs this offering. */
      ownerTeam: string;
      /** Service tier, for example standard or premium. */
      tier?: string;
      documentationUrl?: string;
      /** Ids of offerings whose resources this offering's resources depend on. */
      dependencies?: string[];
      /** The configurable fields, in the service catalog's field-list format. */
      configurations?: Array<{
        name: string;
        type: 'integer' | 'number' | 'string' | 'boolean';
        title?: string;
        description?: string;
        default?: number | string | boolean;
        min?: number;
        max?: number;
        options?: string[];
        required?: boolean;
        /** Offering id of a resource this field names, of the same team and environment. */
        resourceRef?: string;
      }>;
    }>;
  };
}
