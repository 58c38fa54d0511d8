import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import platformPlugin from '@idp-kit/plugin-platform';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    platformPlugin,
    // Notifications, pushed to the open app by signals.
    notificationsPlugin,
    signalsPlugin,
    navModule,
    signInModule,
  ],
});
