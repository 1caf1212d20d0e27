/** One zod schema per group operation, and the errors of groups (each with a stable `code`). */
import { z } from 'zod';
import { GareError } from '../errors.ts';

const IdSchema = z.string().min(1).max(100);

/** A group's name as people read it (« Direction des sports »). */
export const GroupNameSchema = z
  .string({ error: 'Indiquez le nom du groupe.' })
  .trim()
  .min(1, { error: 'Indiquez le nom du groupe.' })
  .max(80, { error: 'Nom de groupe trop long : 80 caractères au plus.' })
  .refine((name) => /[\p{L}\p{N}]/u.test(name), { error: 'Le nom du groupe doit contenir au moins une lettre ou un chiffre.' });

/** Input of `createGroup`. */
export const CreateGroupSchema = z.object({
  /** Name of the new group. */
  name: GroupNameSchema,
  /** Id of the admin who creates it. */
  by: IdSchema,
});

/** Input of `renameGroup`. */
export const RenameGroupSchema = z.object({
  /** Group to rename. */
  groupId: IdSchema,
  /** New name. */
  name: GroupNameSchema,
  /** Id of the admin. */
  by: IdSchema,
});

/** Input of `deleteGroup`. */
export const DeleteGroupSchema = z.object({
  /** Group to delete (its memberships go with it). */
  groupId: IdSchema,
  /** Id of the admin. */
  by: IdSchema,
});

/** Input of `addMember` and `removeMember`. */
export const MemberSchema = z.object({
  /** The group. */
  groupId: IdSchema,
  /** The person. */
  userId: IdSchema,
  /** Id of the admin. */
  by: IdSchema,
});

/** Input of `listMembers`. */
export const ListMembersSchema = z.object({
  /** The group. */
  groupId: IdSchema,
  /** Page number, from 1. */
  page: z.number().int().min(1).max(100_000).default(1),
  /** People per page. */
  size: z.number().int().min(1).max(200).default(50),
});

/** Input of `syncSsoGroups`. */
export const SyncSsoGroupsSchema = z.object({
  /** The person who just logged in. */
  personId: IdSchema,
  /** Group names the identity provider gives them (duplicates and blanks ignored). */
  names: z.array(z.string().max(200)).max(500),
  /** Account id of who is syncing (the person themself by default). */
  by: IdSchema.optional(),
});

/** No such group. */
export class GroupNotFound extends GareError {
  override readonly code = 'GroupNotFound';
  override readonly status = 404;
}

/** Another group already has this name (case and accents do not count). */
export class GroupNameTaken extends GareError {
  override readonly code = 'GroupNameTaken';
  override readonly status = 409;
}
