/** Filters of the decision register: one schema for the API, the register page and the home slot. */
import { z } from 'zod';
import { foldText, tagKey } from '../wiki/paths.ts';
import type { RegisterAction, RegisterData, RegisterDecision } from './register.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Action states a reader can ask for. */
export const actionStatuses = ['ouvertes', 'faites', 'en-retard'] as const;
/** An action state filter. */
export type ActionStatus = (typeof actionStatuses)[number];

/** Query of the register (URL parameters of /api/register and /registre). */
export const RegisterQuerySchema = z.object({
  /** `decisions`, `actions`, or both when absent. */
  kind: z.preprocess(blankToUndefined, z.enum(['decisions', 'actions']).optional()),
  /** Tag of the meeting page (case and accents do not count). */
  tag: z.preprocess(blankToUndefined, z.string().trim().max(80).optional()),
  /** Owner of an action, or participant / person named in a decision. */
  person: z.preprocess(blankToUndefined, z.string().trim().max(80).optional()),
  /** First meeting date, included. */
  from: z.preprocess(blankToUndefined, day.optional()),
  /** Last meeting date, included. */
  to: z.preprocess(blankToUndefined, day.optional()),
  /** Action state; decisions ignore it. */
  status: z.preprocess(blankToUndefined, z.enum(actionStatuses).optional()),
});

/** A validated register query. */
export type RegisterQuery = z.infer<typeof RegisterQuerySchema>;

/** True when an action is not done and its due date has passed (`today` is AAAA-MM-JJ). */
export function isOverdue(action: Pick<RegisterAction, 'done' | 'due'>, today: string): boolean {
  return !action.done && action.due !== undefined && action.due < today;
}

/** Today as AAAA-MM-JJ in Paris, where the teams are. */
export function todayIn(now: Date, timeZone = 'Europe/Paris'): string {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

// One formatter per time zone: building one costs about half a millisecond, on every team home.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** An action with its overdue flag, as shown. */
export interface ShownAction extends RegisterAction {
  /** Not done and past its due date. */
  overdue: boolean;
}

/** Options of filterRegister. */
export interface FilterRegisterOptions {
  /** The register as the viewer may read it (`reader.register()`). */
  data: RegisterData;
  /** Filters. */
  query: RegisterQuery;
  /** Today, AAAA-MM-JJ (overdue actions). */
  today: string;
}

/** Entries that match the query. */
export function filterRegister({ data, query, today }: FilterRegisterOptions): { decisions: RegisterDecision[]; actions: ShownAction[] } {
  const tag = query.tag === undefined ? undefined : tagKey(query.tag);
  const person = query.person === undefined ? undefined : foldText(query.person.replace(/^@/, ''));
  const common = (e: RegisterDecision): boolean =>
    (tag === undefined || e.tags.some((t) => tagKey(t) === tag)) &&
    (query.from === undefined || (e.date !== undefined && e.date >= query.from)) &&
    (query.to === undefined || (e.date !== undefined && e.date <= query.to));
  const samePerson = (name: string | undefined): boolean => name !== undefined && person !== undefined && foldText(name) === person;
  const decisions =
    query.kind === 'actions'
      ? []
      : data.decisions.filter(
          (d) => common(d) && (person === undefined || d.participants.some(samePerson) || foldText(d.text).includes(`@${person}`)),
        );
  const actions =
    query.kind === 'decisions'
      ? []
      : data.actions
          .filter((a) => common(a) && (person === undefined || samePerson(a.owner)))
          .map((a) => ({ ...a, overdue: isOverdue(a, today) }))
          .filter((a) => matchesStatus(a, query.status));
  return { decisions, actions };
}

function matchesStatus(action: ShownAction, status: ActionStatus | undefined): boolean {
  if (status === 'ouvertes') return !action.done;
  if (status === 'faites') return action.done;
  if (status === 'en-retard') return action.overdue;
  return true;
}

/** Open actions, most urgent first (overdue, then nearest due date, undated last). */
export function urgentActions({ data, today, limit }: Omit<FilterRegisterOptions, 'query'> & { limit: number }): ShownAction[] {
  const open = filterRegister({ data, today, query: { kind: 'actions', status: 'ouvertes' } }).actions;
  return open
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || (b.date ?? '').localeCompare(a.date ?? ''))
    .slice(0, limit);
}
