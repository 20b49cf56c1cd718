import { ROLES, type Role } from '../accounts/model.ts';
import { audit } from '../accounts/repository.ts';
import { createUser } from '../accounts/users.ts';
import { parse, UsageError, withStore, type CliIo } from './io.ts';

// errata user add: accounts for editors.

export async function user(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { role: { type: 'string' } });
  if (positionals[0] !== 'add' || positionals.length !== 2)
    throw new UsageError('usage: errata user add <email> --role <role>');
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const password = await readPassword(io);
  return withStore(io, async ({ db }) => {
    const user = await createUser(db, positionals[1]!, password, role);
    await audit(db, 'cli', 'user-created', user.email, role);
    io.out(`Created ${user.role} ${user.email}.`);
    return 0;
  });
}

/** The first line of stdin: a password is never a command-line flag, where others could read it. */
async function readPassword(io: CliIo): Promise<string> {
  if (io.promptPassword) return io.promptPassword('Password (12 characters or more): ');
  for await (const line of io.stdinLines()) return line;
  throw new UsageError('give the password on stdin, e.g. printf "%s\\n" "$PASSWORD" | errata user add …');
}
