/** The bodies and query strings of the review API, one zod schema each. */
import { z } from 'zod';

/** GET /api/proposals */
export const ProposalsQuery = z.object({
  /** `1`: only the viewer's own proposals. */
  mine: z.enum(['1', 'true', '0', 'false']).optional().transform((v) => v === '1' || v === 'true'),
  /** Which ones: en attente (default for the team), acceptées, refusées, or all. */
  state: z.enum(['pending', 'accepted', 'rejected', 'all']).optional(),
});

/** POST /api/proposals/:id/reject */
export const RejectInput = z.object({
  /** Why, for the contributor (optional). */
  reason: z.string().max(2000, 'motif trop long (2 000 caractères au plus)').optional(),
});

/** POST /api/review/settings — sections as a list, or one comma-separated string (HTML form). */
export const ReviewSettingsInput = z.object({
  /** Reviewed sections (folder names such as `ressources`). */
  sections: z
    .union([z.array(z.string().max(60)).max(200), z.string().max(4000)])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[,\n]/)).map((s) => s.trim()).filter((s) => s.length > 0)),
});
