import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Read the PostgreSQL offering and its defaults',
    example: yaml.stringify({
      steps: [
        {
          id: 'offering',
          action: 'platform:offering:get',
          name: 'Read the PostgreSQL offering',
          input: { offering: 'postgresql-database' },
        },
      ],
    }),
  },
];
