import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const derive = promisify(pbkdf2);

/** The iteration count PostgreSQL itself uses by default. */
const iterations = 4096;

/**
 * The SCRAM-SHA-256 verifier of a password, in the form PostgreSQL stores.
 *
 * Sending the verifier instead of the password keeps the password out of the
 * server's statement log and statistics. PostgreSQL would first normalise a
 * password with SASLprep; the passwords generated here are plain ASCII, which
 * SASLprep leaves as they are.
 */
export async function scramVerifier(password: string): Promise<string> {
  const salt = randomBytes(16);
  const salted = await derive(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString(
    'base64',
  )}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
