import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { Client } from 'pg';

/**
 * Whether `password` is the one PostgreSQL stores for `role`, checked
 * against the role's SCRAM-SHA-256 verifier. The test server trusts every
 * connection, so logging in proves nothing about the password.
 */
export async function storedPasswordMatches(
  admin: Client,
  role: string,
  password: string,
): Promise<boolean> {
  const { rows } = await admin.query<{ rolpassword: string | null }>(
    'select rolpassword from pg_authid where rolname = $1',
    [role],
  );
  const parts = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(
    rows[0]?.rolpassword ?? '',
  );
  if (!parts) {
    return false;
  }
  const [, iterations, salt, storedKey, serverKey] = parts;
  const salted = pbkdf2Sync(
    password,
    Buffer.from(salt, 'base64'),
    Number(iterations),
    32,
    'sha256',
  );
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return (
    createHash('sha256').update(clientKey).digest('base64') === storedKey &&
    createHmac('sha256', salted).update('Server Key').digest('base64') ===
      serverKey
  );
}
