export interface Config {
  /** Configuration of the self-service platform. */
  platform?: {
    /**
     * Environments resources can be requested for.
     * Defaults to development, staging and production.
     */
    environments?: string[];

    /**
     * Limits on live resources per team and offering.
     */
    quotas?: {
      /** Limit per offering id, for every team. */
      defaults?: { [offering: string]: number };
      /** Limits per team name, overriding the defaults. */
      teams?: { [team: string]: { [offering: string]: number } };
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
