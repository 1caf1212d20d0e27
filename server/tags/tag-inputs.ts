/** The bodies of the tag API, one zod schema each (forms send text, scripts send JSON). */
import { z } from 'zod';

const Label = z.string().max(200);

/** A checkbox as a form sends it (`on`, `oui`…) or a JSON boolean. */
const Flag = z.union([z.boolean(), z.string().max(10).transform((v) => !['', '0', 'false', 'non', 'off'].includes(v.trim().toLowerCase()))]);

/** POST /api/tags/rename */
export const RenameTagInput = z.object({
  /** Current tag, as a label or a key (`Pôle Emploi`, `pole-emploi`). */
  from: Label,
  /** New label. */
  to: Label,
  /** Keep the old name as an alias of the new one (default true). */
  keepAlias: Flag.optional(),
});

/** POST /api/tags/alias */
export const AddAliasInput = z.object({
  /** Old name (shown as `to` from now on). */
  from: Label,
  /** Tag of reference. */
  to: Label,
});

/** POST /api/tags/alias/delete */
export const DeleteAliasInput = z.object({
  /** Old name whose alias is removed. */
  from: Label,
});
