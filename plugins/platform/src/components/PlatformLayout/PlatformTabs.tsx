import { HeaderTabs, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useLocation } from 'react-router-dom';
import {
  approvalsRouteRef,
  healthRouteRef,
  resourcesRouteRef,
  rootRouteRef,
} from '../../routes';

/** Links between the platform's pages, shown under the header of each. */
export function PlatformTabs() {
  const { pathname } = useLocation();
  const catalogLink = useRouteRef(rootRouteRef)();
  const resourcesLink = useRouteRef(resourcesRouteRef)();
  const approvalsLink = useRouteRef(approvalsRouteRef)();
  const healthLink = useRouteRef(healthRouteRef)();

  const tabs = [
    { id: 'catalog', label: 'Service catalog', to: catalogLink },
    { id: 'resources', label: 'Resources', to: resourcesLink },
    { id: 'approvals', label: 'Approvals', to: approvalsLink },
    { id: 'health', label: 'Health', to: healthLink },
  ];
  // The create page belongs to the catalog, a resource to the resources.
  const selected = tabs.findIndex(
    (tab, index) => index > 0 && pathname.startsWith(tab.to),
  );

  return (
    <HeaderTabs
      selectedIndex={selected === -1 ? 0 : selected}
      tabs={tabs.map(tab => ({
        id: tab.id,
        label: tab.label,
        tabProps: { component: Link, to: tab.to },
      }))}
    />
  );
}
