import {
  renderInTestApp,
  TestAppOptions,
} from '@backstage/frontend-test-utils';
import { Route, Routes } from 'react-router-dom';
import { rootRouteRef } from '../routes';

/**
 * Renders an element in a test app where the platform's pages are mounted at
 * `/platform`, at the location `path`. With `route`, the element is rendered
 * on that route pattern, so it can read the path's parameters.
 */
export function renderPlatformPage(
  element: JSX.Element,
  options: TestAppOptions & { path?: string; route?: string } = {},
) {
  const { path = '/platform', route, ...rest } = options;
  return renderInTestApp(
    route ? (
      <Routes>
        <Route path={route} element={element} />
      </Routes>
    ) : (
      element
    ),
    {
      initialRouteEntries: [path],
      mountedRoutes: { '/platform': rootRouteRef },
      ...rest,
    },
  );
}
