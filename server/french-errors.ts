/**
 * zod's French messages, passed to each parse whose messages a person reads (front matter, HTTP
 * bodies, configuration) rather than set globally: a global set as an import side effect is
 * missing whenever a module is loaded without the one that sets it. No `node:` import.
 */
import { z } from 'zod';

const french = z.locales.fr().localeError;

/** Error map with zod's French message for every issue a schema does not word itself. */
export const frenchErrors: z.core.$ZodErrorMap = (issue) => french(issue);

/** `schema.safeParse(data)` with French messages. */
export function safeParseFrench<S extends z.ZodType>(schema: S, data: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(data, { error: frenchErrors });
}
