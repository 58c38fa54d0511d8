import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Delete a resource and wait until it is gone',
    example: yaml.stringify({
      steps: [
        {
          id: 'delete',
          action: 'platform:resource:delete',
          name: 'Delete the database',
          input: { id: '${{ parameters.resourceId }}', wait: true },
        },
      ],
    }),
  },
];
