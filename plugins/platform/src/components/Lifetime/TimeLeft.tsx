import { PlatformResource } from '@idp-kit/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import { timeLeftText } from './lifetimeText';
import { pendingExpiry } from './pendingExpiry';

/**
 * "expires in 6 days" or "expired", with the exact time on hover; nothing
 * for a resource that never expires or is already ending.
 */
export function TimeLeft(props: { resource: PlatformResource }) {
  const expiresAt = pendingExpiry(props.resource);
  const text = timeLeftText(expiresAt);
  if (!expiresAt || !text) {
    return null;
  }
  const exact = new Date(expiresAt).toLocaleString();
  return (
    <Typography
      component="span"
      variant="body2"
      color={text === 'expired' ? 'error' : 'inherit'}
    >
      <time dateTime={expiresAt} title={exact}>
        {text}
      </time>
    </Typography>
  );
}
