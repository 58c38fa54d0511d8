export interface Config {
  platform?: {
    /**
     * The PostgreSQL server that postgresql-database resources are created on.
     * The user is a superuser, or a role with CREATEROLE and CREATEDB, member
     * of pg_signal_backend, that may set the parameters
     * platform.high_availability and platform.backup_retention_days.
     */
    postgres?: {
      /** Host name or address of the server. Defaults to 127.0.0.1. */
      host?: string;
      /** Port of the server. Defaults to 5432. */
      port?: number;
      /** User that creates and drops roles and databases. Defaults to postgres. */
      user?: string;
      /**
       * Password of that user; leave out when the server trusts it.
       * @visibility secret
       */
      password?: string;
      /** Database the administrative connection opens. Defaults to postgres. */
      database?: string;
      /**
       * What deleting a resource does: `delete` drops its database and role,
       * `orphan` leaves both on the server. Defaults to delete.
       */
      deletionPolicy?: 'delete' | 'orphan';
      /** How long to wait for the server to answer a connection. Defaults to 5. */
      connectTimeoutSeconds?: number;
    };
  };
}
