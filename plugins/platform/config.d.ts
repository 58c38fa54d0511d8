export interface Config {
  /** Configuration of the self-service platform. */
  platform?: {
    /**
     * Environments resources can be requested for, in the order the create
     * form lists them. Defaults to development, staging and production.
     * @visibility frontend
     */
    environments?: string[];
  };
}
