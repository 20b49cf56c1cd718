import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn's scale: 3 is "safely unguessable" against an online attack with throttling and more. */
export const MIN_PASSWORD_SCORE = 3;
export const PASSWORD_LENGTH = { min: 12, max: 200 } as const;

// Built on first use: the dictionaries take ~100 ms to load and only editors' accounts need them.
let factory: ZxcvbnFactory | undefined;

/**
 * Why a new password is refused, or undefined: too short or long, or easy to guess (a common password,
 * keyboard walks, repeats, sequences, or the account's own email address).
 */
export async function passwordProblem(
  password: string,
  userInputs: string[] = [],
): Promise<string | undefined> {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    return `The password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters long.`;
  }
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const result = factory.check(password, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  return 'This password is too easy to guess (a common password, a repeated or keyboard pattern, or your email address): use a phrase of several unrelated words.';
}
