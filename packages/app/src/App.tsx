import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import platformPlugin from '@idp-kit/plugin-platform';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, platformPlugin, navModule],
});
