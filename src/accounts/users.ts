import { AppError } from '../base/errors.ts';
import type { Db } from '../store/db.ts';
import { hashPassword, verifyNothing, verifyPassword } from './argon2.ts';
import { emailSchema, normaliseEmail, type Role, type User } from './model.ts';
import { passwordProblem } from './password.ts';
import { emailTaken, insertUser, updatePasswordHash, userById, userWithHash } from './repository.ts';

/** A refused new password as a 400 with the reason (length, or too easy to guess). */
async function checkNewPassword(password: string, email: string): Promise<void> {
  const problem = await passwordProblem(password, [email, ...email.split(/[@.]/)]);
  if (problem) throw new AppError('INVALID_REQUEST', problem);
}

export async function createUser(db: Db, email: string, password: string, role: Role): Promise<User> {
  const address = normaliseEmail(email);
  if (!emailSchema.safeParse(address).success) {
    throw new AppError('INVALID_REQUEST', 'Use a valid email address, such as name@example.org.');
  }
  await checkNewPassword(password, address);
  if (await emailTaken(db, address)) {
    throw new AppError('EDIT_CONFLICT', `An account for ${address} already exists.`);
  }
  return insertUser(db, {
    email: address,
    passwordHash: await hashPassword(password),
    role,
    createdAt: new Date().toISOString(),
  });
}

/**
 * The user for an email and password, or undefined: unknown accounts, disabled ones and wrong passwords
 * look alike. `email` is compared as given: callers normalise it once (normaliseEmail) for the limiter too.
 */
export async function checkPassword(db: Db, email: string, password: string): Promise<User | undefined> {
  const found = await userWithHash(db, email);
  if (!found) return verifyNothing(password).then(() => undefined);
  const ok = await verifyPassword(found.passwordHash, password);
  return ok && !found.user.disabled ? found.user : undefined;
}

/** Sets a new password (checked like a new account's) and ends every session of the account. */
export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  const user = await userById(db, userId);
  await checkNewPassword(password, user?.email ?? '');
  await updatePasswordHash(db, userId, await hashPassword(password));
}
