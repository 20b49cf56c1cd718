import { z } from 'zod';
import { ROLES } from '../accounts/model.ts';
import { REPORT_STATUSES } from '../feedback/reports.ts';
import { guideSchema, STATUSES } from '../guides/schema.ts';
import { draftGuideSchema } from '../guides/draft.ts';
import { errorBodySchema } from '../web/errors.tsx';
import { numericId } from './http.ts';
import { EDITOR_LIST_LIMIT, EDITOR_QUERY_MAX } from '../guides/editor-search.ts';
import { ACTIONS, BULK_ACTIONS, BULK_LIMIT } from './workflow.ts';
import { COMMENT_KINDS, COMMENT_MAX } from '../guides/review.ts';

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
  scheduleCancelled: z.boolean().describe('A scheduled publication was cancelled: the text changed'),
});

const side = z.enum(['theirs', 'mine']);
const change = z.enum(['unchanged', 'added', 'removed', 'changed']);
/**
 * A save refused because the guide was saved after `expectedRevision` (409 EDIT_CONFLICT): the three
 * versions and each field that differs between theirs and mine. To merge, PUT the merged guide again
 * with `expectedRevision` set to `theirs.revision`.
 */
export const conflictResponse = errorSchema.extend({
  conflict: z.object({
    base: z.object({
      revision: z.number().describe('The revision the edit started from (expectedRevision)'),
      guide: draftGuideSchema
        .nullable()
        .describe('That revision (a draft may be incomplete), or null when it does not exist'),
    }),
    theirs: z.object({
      revision: z.number().describe('The newest revision: save the merge with this as expectedRevision'),
      guide: draftGuideSchema.describe('The newest revision (a draft may be incomplete)'),
      saves: z
        .array(
          z.object({ revision: z.number(), author: z.string(), savedAt: z.string(), message: z.string() }),
        )
        .describe('Every save after the base, newest first, with who made it and when'),
    }),
    mine: z.object({ guide: guideSchema.describe('The guide this request sent') }),
    fields: z
      .array(
        z.object({
          field: z
            .string()
            .describe(
              'title, summary, causes, faq, sources…; step.<id> for a step; steps.order for their order',
            ),
          label: z.string(),
          changedBy: z.enum(['theirs', 'mine', 'both']).describe('Who changed it since the base'),
          theirChange: change,
          myChange: change,
          default: side.nullable().describe('The side a merge takes unless told: null when both changed it'),
        }),
      )
      .describe("The fields in which theirs and mine differ, in the editor's order"),
  }),
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

// The review workflow (review-api.ts).
const commentText = z
  .string()
  .trim()
  .min(1, { error: 'write a comment' })
  .max(COMMENT_MAX, { error: `at most ${COMMENT_MAX} characters` });
export const commentBody = z.object({ comment: commentText });
export const requestChangesBody = z.object({
  expectedRevision: revisionNumber.describe('The revision reviewed: a guide changed since is refused'),
  comment: commentText.describe('What needs to change; the author sees it on the editor page'),
});
export const commentsResponse = z.object({
  comments: z.array(
    z.object({
      id: z.number(),
      revision: z.number().describe('The revision the comment was written against'),
      author: z.string(),
      kind: z.enum(COMMENT_KINDS),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
  total: z.number().describe('How many comments the guide has; only the newest are listed'),
});
export const scheduleBody = z.object({
  expectedRevision: revisionNumber.describe('The reviewed revision, the one that goes live'),
  publishAt: z
    .string()
    .max(40)
    .describe('When to publish, in UTC: 2026-12-24T09:00:00Z (a time without a zone is read as UTC)'),
});
export const scheduleSchema = z.object({
  guideId: z.string(),
  revision: z.number(),
  publishAt: z.string().describe('ISO 8601, UTC'),
  scheduledBy: z.string(),
  createdAt: z.string(),
});
export const scheduleResponse = z.object({ schedule: scheduleSchema.nullable() });
