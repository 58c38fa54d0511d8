import { Offering, OfferingField, OfferingJsonSchema } from './types';

function fieldSchema(field: OfferingField): Record<string, unknown> {
  const schema: Record<string, unknown> = { type: field.type };
  if (field.title) {
    schema.title = field.title;
  }
  if (field.description) {
    schema.description = field.description;
  }
  if (field.default !== undefined) {
    schema.default = field.default;
  }
  if (field.options) {
    schema.enum = field.options;
  } else if (field.type === 'string') {
    // Free text still names things (an upstream, a path): keep it bounded.
    schema.maxLength = 255;
  }
  if (field.min !== undefined) {
    schema.minimum = field.min;
  }
  if (field.max !== undefined) {
    schema.maximum = field.max;
  }
  if (field.resourceRef) {
    schema['x-platform-resource-ref'] = field.resourceRef;
  }
  return schema;
}

/**
 * Builds the JSON Schema of an offering's configuration from its field list.
 *
 * Unknown keys are refused, and a field with no default is required unless
 * it says otherwise.
 *
 * @public
 */
export function offeringConfigSchema(offering: Offering): OfferingJsonSchema {
  const properties: OfferingJsonSchema['properties'] = {};
  const required: string[] = [];
  for (const field of offering.configurations) {
    properties[field.name] = fieldSchema(field);
    if (field.default === undefined && field.required !== false) {
      required.push(field.name);
    }
  }
  return { type: 'object', properties, required, additionalProperties: false };
}
