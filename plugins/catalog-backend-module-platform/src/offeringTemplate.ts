import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { OfferingWithSchema } from '@idp-kit/plugin-platform-common';

/** Where generated entities say they come from. */
export const OFFERINGS_LOCATION = 'platform:offerings';

/** The name of the Template entity that publishes an offering. */
export function offeringTemplateName(offeringId: string): string {
  return `platform-${offeringId}`;
}

/**
 * Publishes an offering as a software template: its parameters are the
 * offering's schema, its steps create the resource and wait until it is ready.
 */
export function offeringTemplate(
  offering: OfferingWithSchema,
  environments: string[],
): Entity {
  const fields = Object.keys(offering.schema.properties);
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: offeringTemplateName(offering.id),
      title: offering.name,
      description: offering.description,
      tags: ['platform', offering.type, offering.tier],
      annotations: {
        [ANNOTATION_LOCATION]: OFFERINGS_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: OFFERINGS_LOCATION,
        'platform.backstage.io/offering': offering.id,
      },
      ...(offering.documentationUrl
        ? {
            links: [{ url: offering.documentationUrl, title: 'Documentation' }],
          }
        : {}),
    },
    spec: {
      owner: offering.ownerTeam,
      type: 'platform-resource',
      parameters: [
        {
          title: 'Resource',
          required: ['name', 'team', 'environment'],
          properties: {
            name: {
              title: 'Name',
              type: 'string',
              description:
                'Lower-case letters, digits and "-", starting with a letter',
              pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$',
              maxLength: 63,
            },
            team: {
              title: 'Team',
              type: 'string',
              description: 'The team that will own the resource',
              'ui:field': 'OwnerPicker',
              'ui:options': { catalogFilter: { kind: 'Group' } },
            },
            environment: {
              title: 'Environment',
              type: 'string',
              enum: environments,
              default: environments[0],
            },
          },
        },
        {
          title: 'Configuration',
          required: offering.schema.required,
          properties: offering.schema.properties as JsonObject,
        },
      ],
      steps: [
        {
          id: 'create',
          name: `Request ${offering.name}`,
          action: 'platform:resource:create',
          input: {
            offering: offering.id,
            name: '${{ parameters.name }}',
            team: '${{ parameters.team }}',
            environment: '${{ parameters.environment }}',
            config: Object.fromEntries(
              fields.map(field => [field, `\${{ parameters.${field} }}`]),
            ),
          },
        },
        {
          id: 'wait',
          name: 'Wait until it is ready',
          action: 'platform:resource:wait',
          input: { id: '${{ steps.create.output.id }}' },
        },
      ],
      output: {
        links: [
          {
            title: 'Open resource',
            url: '/platform/resources/${{ steps.create.output.id }}',
          },
        ],
      },
    },
  };
}
