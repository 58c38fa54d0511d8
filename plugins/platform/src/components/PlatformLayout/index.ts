export { PlatformLayout } from './PlatformLayout';
