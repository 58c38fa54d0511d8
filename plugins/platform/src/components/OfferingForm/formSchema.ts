import { OfferingWithSchema } from '@idp-kit/plugin-platform-common';
import { RJSFSchema, UiSchema } from '@rjsf/utils';

/** `backup_retention_days` → `Backup retention days`. */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/** The offering's configuration schema, with a readable title on each field. */
export function configSchema(offering: OfferingWithSchema): RJSFSchema {
  const properties: Record<string, RJSFSchema> = {};
  for (const [name, property] of Object.entries(offering.schema.properties)) {
    properties[name] = {
      ...(property as RJSFSchema),
      title: (property.title as string | undefined) ?? humanize(name),
    };
  }
  return {
    ...(offering.schema as RJSFSchema),
    title: 'Configuration',
    properties,
  };
}

/** The values of the create form; `config` is the offering's configuration. */
export interface CreateFormData {
  name?: string;
  team?: string;
  environment?: string;
  component?: string;
  system?: string;
  /** ISO 8601; the environment's default lifetime when absent. */
  expiresAt?: string;
  config?: Record<string, unknown>;
}

/** The optional expiry, offered when the API describes lifetimes. */
const expiresAtSchema: RJSFSchema = {
  type: 'string',
  format: 'date-time',
  title: 'Expires at',
  description:
    "Optional: when the resource is deleted, within the environment's maximum lifetime. Empty for the default lifetime.",
};

/**
 * The schema of the create form: the request's own fields beside the
 * offering's configuration, so that every error path the API reports
 * (`name`, `config.replicas`, `expiresAt`) names a field of the form.
 */
export function createFormSchema(
  offering: OfferingWithSchema,
  teams: string[],
  environments: string[],
): RJSFSchema {
  return {
    type: 'object',
    required: ['name', 'team', 'environment'],
    properties: {
      name: {
        type: 'string',
        title: 'Name',
        description:
          'Lower-case letters, digits and "-", starting with a letter; at most 63 characters.',
      },
      team: {
        type: 'string',
        title: 'Team',
        description: 'The team that owns the resource.',
        ...(teams.length > 0 ? { enum: teams } : {}),
        ...(teams.length === 1 ? { default: teams[0] } : {}),
      },
      environment: {
        type: 'string',
        title: 'Environment',
        enum: environments,
        default: environments[0],
      },
      config: configSchema(offering),
      component: {
        type: 'string',
        title: 'Component',
        description:
          'Optional: the catalog component that uses the resource, such as component:default/shop.',
      },
      system: {
        type: 'string',
        title: 'System',
        description:
          'Optional: the catalog system the resource belongs to, such as system:default/shop.',
      },
      ...(offering.lifetimes ? { expiresAt: expiresAtSchema } : {}),
    },
  };
}

/** The schema of the form that changes a resource's configuration. */
export function updateFormSchema(offering: OfferingWithSchema): RJSFSchema {
  return {
    type: 'object',
    properties: { config: configSchema(offering) },
  };
}

/** Our own buttons replace RJSF's submit button. */
export const formUiSchema: UiSchema = {
  'ui:submitButtonOptions': { norender: true },
  'ui:order': ['name', 'team', 'environment', 'config', '*'],
};
