import { createApiRef } from '@backstage/frontend-plugin-api';
import { OfferingWithSchema } from '@internal/plugin-platform-common';

/**
 * The Platform API as the browser sees it.
 *
 * @public
 */
export interface PlatformApi {
  listOfferings(): Promise<OfferingWithSchema[]>;
  getOffering(id: string): Promise<OfferingWithSchema>;
}

/**
 * Reference to the {@link PlatformApi}.
 *
 * @public
 */
export const platformApiRef = createApiRef<PlatformApi>().with({
  id: 'plugin.platform.api',
  pluginId: 'platform',
});
