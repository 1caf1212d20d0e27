import { expect, it } from 'vitest';
import { anonymous } from '../../server/access/viewer.ts';
import { createCalendarTokens, ownCalendarLink } from '../../server/calendar/calendar-tokens.ts';
import { addPersonRow, openAccountTables } from '../helpers/account-tables.ts';
import { describeEachStore } from '../helpers/stores.ts';

describeEachStore('calendar links', (open) => {
  it('keep one working link per person, found by its secret only, until revoked', async () => {
    const sql = await openAccountTables(open);
    const ana = await addPersonRow(sql, { id: 'p-ana', name: 'Ana' });
    const clock = { t: 1_000 };
    const tokens = createCalendarTokens({ sql, now: () => clock.t });
    const first = await tokens.issue(ana);
    clock.t += 10;
    const second = await tokens.issue(ana);
    expect(await tokens.personOf(first)).toBeUndefined();
    expect(await tokens.personOf(second)).toBe(ana);
    expect(await tokens.personOf('pas-un-jeton')).toBeUndefined();
    expect(await tokens.activeSince(ana)).toBe(1_010);
    expect(await ownCalendarLink({ sql, viewer: { ...anonymous, role: 'equipe', person: { id: ana, name: 'Ana', email: 'a@exemple.org' } } })).toEqual({ since: 1_010 });
    expect(await ownCalendarLink({ sql, viewer: anonymous })).toBeUndefined();
    expect(await sql.get('SELECT COUNT(*) AS n FROM calendar_tokens WHERE hash = ?', [second])).toEqual({ n: 0 });
    expect(await tokens.revoke(ana)).toBe(true);
    expect(await tokens.revoke(ana)).toBe(false);
    expect(await tokens.personOf(second)).toBeUndefined();
    expect(await tokens.activeSince(ana)).toBeUndefined();
  });
});
