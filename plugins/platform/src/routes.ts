import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The platform's service catalog page. */
export const rootRouteRef = createRouteRef();
