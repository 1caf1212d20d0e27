import { expect, it } from 'vitest';
import { createActionReminders } from '../../server/notifications/action-reminders.ts';
import type { Delivery } from '../../server/notifications/deliver.ts';
import { readHandleDirectory } from '../../server/notifications/people-handles.ts';
import type { RegisterAction } from '../../server/register/register.ts';
import { addPersonRow, openAccountTables } from '../helpers/account-tables.ts';
import { describeEachStore } from '../helpers/stores.ts';

const at = new Date(2026, 2, 19, 9).getTime();
const action = (text: string, owner: string) => ({ text, owner, due: '2026-03-20', done: false, page: { path: 'reunions/a.md', title: 'A', url: '/wiki/reunions/a' } }) as unknown as RegisterAction;

describeEachStore('action reminders sent', (open) => {
  it('are stored once when rounds run at the same time, and kept owed while the owner may not read the page', async () => {
    const sql = await openAccountTables(open);
    const camille = await addPersonRow(sql, { id: 'p-camille', name: 'Camille Dupont' });
    await addPersonRow(sql, { id: 'p-bruno', name: 'Bruno Petit' });
    const delivered: Delivery[] = [];
    let mayRead = (d: Delivery) => d.userId === camille;
    const reminders = createActionReminders({
      sql,
      register: { current: async () => ({ decisions: [], actions: [action('envoyer le bilan', 'Camille'), action('réserver la salle', 'Bruno')] }) },
      directory: () => readHandleDirectory(sql),
      // As the real door: it awaits the gate before storing.
      deliver: async (d) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (mayRead(d)) delivered.push(d);
        return mayRead(d);
      },
      now: () => at,
    });
    const rounds = await Promise.all([reminders.run(), reminders.run(), reminders.run()]);
    expect(rounds.reduce((a, b) => a + b, 0)).toBe(1);
    expect(delivered.map((d) => [d.userId, d.kind])).toEqual([[camille, 'action-due']]);
    mayRead = () => true;
    expect(await reminders.run()).toBe(1);
    expect(delivered.map((d) => d.userId)).toEqual([camille, 'p-bruno']);
    expect(await reminders.run()).toBe(0);
  });
});
