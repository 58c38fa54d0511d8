import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Request a PostgreSQL database for the team chosen in the form',
    example: yaml.stringify({
      steps: [
        {
          id: 'database',
          action: 'platform:resource:create',
          name: 'Request a database',
          input: {
            offering: 'postgresql-database',
            name: 'orders-db',
            team: 'team-alpha',
            environment: 'development',
            config: { size: 'medium', backup_retention_days: 14 },
          },
        },
      ],
    }),
  },
];
