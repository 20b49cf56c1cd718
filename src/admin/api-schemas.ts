import { z } from 'zod';
import { ROLES } from '../accounts/model.ts';
import { REPORT_STATUSES } from '../feedback/reports.ts';
import { guideSchema, STATUSES } from '../guides/schema.ts';
import { draftGuideSchema } from '../guides/draft.ts';
import { errorBodySchema } from '../web/errors.tsx';
import { numericId } from './http.ts';
import { EDITOR_LIST_LIMIT, EDITOR_QUERY_MAX } from '../guides/editor-search.ts';
import { ACTIONS, BULK_ACTIONS, BULK_LIMIT } from './workflow.ts';

// The admin JSON API's input and output, for validation and the OpenAPI document.

export const errorSchema = errorBodySchema;
/** The error answers every admin route may give besides its own. */
export const adminErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema } as const;

const guideId = z.string().min(1).max(120);
const revisionNumber = z.number().int().positive();
const revisionMessage = z.string().max(500).optional().describe('What changed and why, for the history');

export const guideParams = z.object({ id: guideId });
export const revisionParams = z.object({ id: guideId, n: numericId });
export const actionParams = z.object({ id: guideId, action: z.enum(ACTIONS) });
export const idParams = z.object({ id: numericId });

export const createGuideBody = z.object({ guide: guideSchema });
export const saveGuideBody = z.object({
  guide: guideSchema,
  expectedRevision: revisionNumber.describe('The revision the edit started from: stale copies are refused'),
  message: revisionMessage,
});
export const actionBody = z.object({ expectedRevision: revisionNumber, message: revisionMessage });

export const meResponse = z.object({ email: z.string(), role: z.enum(ROLES) });

const status = z.enum(STATUSES);
export const editorListRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  category: z.string(),
  brand: z.string(),
  product: z.string(),
  status: status.describe('Status of the working copy'),
  publicStatus: status.describe('Status of what the public sees'),
  pendingDraft: z.boolean().describe('A published guide with an unpublished edit waiting'),
  reviewed: z.string(),
  revision: z.number(),
  updatedAt: z.string(),
  assignedTo: z.string().nullable().describe('The email of the user asked to work on it next'),
});

export const guideListQuery = z.object({
  q: z.string().max(EDITOR_QUERY_MAX).optional().describe('Words in the code, title, summary, steps or FAQ'),
  status: status.optional().describe('Status of the working copy'),
  assignee: z.string().max(320).optional().describe('An email, "me" or "none"'),
});
export const guideListResponse = z.object({
  guides: z.array(editorListRowSchema),
  truncated: z.boolean().describe(`More guides matched than the ${EDITOR_LIST_LIMIT} listed`),
});

export const bulkBody = z.object({
  action: z.enum(BULK_ACTIONS),
  guides: z
    .array(z.object({ id: guideId, expectedRevision: revisionNumber }))
    .min(1)
    .max(BULK_LIMIT)
    .describe('Each guide with the revision it was seen at: a guide changed since is refused'),
  assignee: z.string().max(320).nullable().optional().describe('For assign: an email, or null for nobody'),
});
export const bulkResponse = z.object({
  done: z.array(z.object({ id: z.string(), revision: z.number() })),
  refused: z.array(z.object({ id: z.string(), reason: z.string() })),
  summary: z.string(),
});

export const workingCopySchema = z.object({
  guide: draftGuideSchema.describe('The working copy: a draft may be incomplete'),
  revision: z.number(),
  publicStatus: status,
  pendingDraft: z.boolean(),
  updatedAt: z.string(),
});
export const savedCopySchema = workingCopySchema.extend({
  publicChanged: z.boolean().describe('Whether what the public sees changed'),
});

export const revisionsResponse = z.object({
  revisions: z.array(
    z.object({
      number: z.number(),
      status,
      author: z.string(),
      message: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const reportsQuery = z.object({ status: z.enum(REPORT_STATUSES).optional() });
export const reportsResponse = z.object({
  reports: z.array(
    z.object({
      id: z.number(),
      guideId: z.string(),
      guideTitle: z.string().nullable().describe("The guide's current title"),
      guideRevision: z.number().describe('The revision the reader was reading'),
      message: z.string(),
      contact: z.string().nullable(),
      status: z.enum(REPORT_STATUSES),
      fixedRevision: z.number().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
});
export const reportChangeBody = z.object({
  status: z.enum(REPORT_STATUSES),
  fixedRevision: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe('A published revision of the guide that fixed it (400 otherwise), or null'),
});
export const reportChangeResponse = z.object({ id: z.number(), status: z.enum(REPORT_STATUSES) });

export const userSchema = z.object({
  id: z.number(),
  email: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
});
// Bounded here; the address and the password's strength are checked where accounts are made.
export const newUserBody = z.object({
  email: z.string().max(320),
  password: z.string().max(1000),
  role: z.enum(ROLES),
});
export const userChangeBody = z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() });
export const userChangeResponse = userChangeBody.extend({ id: z.number() });

export const auditResponse = z.object({
  entries: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      target: z.string(),
      detail: z.string(),
    }),
  ),
});
