import { hash, verify } from '@node-rs/argon2';

// argon2id (algorithm 2) at OWASP's baseline: 19 MiB, two passes, one lane.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Whether `password` matches `stored`; a malformed hash is simply no match. */
export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

// Verifying against a fixed hash when the account is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | undefined;

/** As slow as verifyPassword, for an account that does not exist; always false. */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not a real password, only for timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
