import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Wait up to five minutes for the resource of an earlier step',
    example: yaml.stringify({
      steps: [
        {
          id: 'wait',
          action: 'platform:resource:wait',
          name: 'Wait until the database is ready',
          input: { id: '${{ steps.database.output.id }}', timeoutSeconds: 300 },
        },
      ],
    }),
  },
];
