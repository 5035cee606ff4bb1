import { z } from 'zod';

/** The error body every failing request returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('SCREAMING_SNAKE error code, e.g. HOUSEHOLD_NOT_FOUND'),
    message: z.string().describe("Human message in the request's language"),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Id = z.string().min(1).max(64);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const IsoDateTime = z.string();

export const PageQuery = z.object({
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, at most 200'),
});

/** `{items, nextCursor}` list envelope. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const Ok = z.object({ ok: z.literal(true) });
