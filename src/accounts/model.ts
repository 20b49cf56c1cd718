import { z } from 'zod';

/** An editor's account as the rest of the application sees it (never its password hash). */
export interface User {
  id: number;
  email: string;
  role: Role;
  disabled: boolean;
}

export const ROLES = ['editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do; each role can do everything the one before it can. */
export const PERMISSIONS = {
  edit: ['editor', 'reviewer', 'admin'],
  publish: ['reviewer', 'admin'],
  manageUsers: ['admin'],
  readAudit: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The one spelling of an email address: sign-in limits, look-ups and accounts all use it. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z.email({ error: 'must be an email address' }).max(254);

export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'password-changed'
  | 'guide-created'
  | 'guide-submitted'
  | 'guide-assigned'
  | 'guide-published'
  | 'guide-unpublished'
  | 'guide-archived'
  | 'guide-restored'
  | 'guide-changes-requested'
  | 'guide-commented'
  | 'guide-scheduled'
  | 'guide-schedule-cancelled'
  | 'user-created'
  | 'user-changed';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
}
