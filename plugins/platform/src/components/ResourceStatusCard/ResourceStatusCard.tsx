import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { RESOURCE_ID_ANNOTATION } from '@idp-kit/plugin-platform-common';
import { ResourceStatus } from './ResourceStatus';

/**
 * The live state of the platform resource behind a Resource entity, or what
 * is missing when the entity names none.
 */
export function ResourceStatusCard() {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.[RESOURCE_ID_ANNOTATION];
  if (!id) {
    return <MissingAnnotationEmptyState annotation={RESOURCE_ID_ANNOTATION} />;
  }
  return <ResourceStatus id={id} />;
}
