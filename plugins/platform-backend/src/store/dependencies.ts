import { Knex } from 'knex';
import { TABLES } from '../database/tables';

const DEPENDENCIES = TABLES.dependencies;

/** Records the resources one depends on, replacing what it depended on before. */
export async function replaceDependenciesWithin(
  tx: Knex.Transaction,
  id: string,
  dependsOn: string[],
  options?: { isNew?: boolean },
): Promise<void> {
  if (!options?.isNew) {
    await tx(DEPENDENCIES).where({ resource_id: id }).delete();
  }
  const targets = [...new Set(dependsOn)];
  if (targets.length > 0) {
    await tx(DEPENDENCIES).insert(
      targets.map(target => ({ resource_id: id, depends_on_id: target })),
    );
  }
}

/** The ids of the resources that depend on `id`, as a subquery. */
export function dependentIds(db: Knex, id: string): Knex.QueryBuilder {
  return db(DEPENDENCIES).select('resource_id').where({ depends_on_id: id });
}
