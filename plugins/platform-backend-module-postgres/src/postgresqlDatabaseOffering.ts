import { Offering } from '@idp-kit/plugin-platform-common';

/**
 * A database and its owner role on the configured server. High availability
 * and backup retention are recorded on the database for the server's
 * operator to enforce.
 */
export const postgresqlDatabaseOffering: Offering = {
  id: 'postgresql-database',
  name: 'PostgreSQL Database',
  description: 'Managed PostgreSQL database with automatic backups',
  type: 'database',
  version: '13',
  ownerTeam: 'platform-team',
  tier: 'standard',
  documentationUrl: 'https://docs.company.com/platform/postgresql',
  dependencies: [],
  configurations: [
    {
      name: 'size',
      type: 'string',
      description: 'Instance size',
      default: 'small',
      options: ['small', 'medium', 'large'],
    },
    {
      name: 'high_availability',
      type: 'boolean',
      description: 'Run a standby replica',
      default: false,
    },
    {
      name: 'backup_retention_days',
      type: 'integer',
      description: 'Days to keep backups',
      default: 7,
      min: 1,
      max: 35,
    },
  ],
};
