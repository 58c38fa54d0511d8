import {
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  entityEnvelopeSchemaValidator,
} from '@backstage/catalog-model';

const validateEnvelope = entityEnvelopeSchemaValidator();
const policies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

/**
 * Throws when the catalog would refuse the entity. The catalog refuses a
 * whole mutation for one malformed envelope, so each entity is checked
 * before it joins one.
 */
export async function checkEntity(entity: Entity): Promise<void> {
  validateEnvelope(entity);
  await policies.enforce(entity);
}
