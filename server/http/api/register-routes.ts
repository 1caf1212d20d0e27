/** Decision register API: decisions and actions of the meetings the viewer may read. */
import { RegisterQuerySchema, filterRegister, todayIn } from '../../register/register-query.ts';
import { parseInput } from '../body.ts';
import type { Route } from '../router.ts';

/** GET /api/register?kind=&tag=&person=&from=&to=&status= */
export const registerRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/register',
    handler: async ({ reader, url }) => {
      const query = parseInput(RegisterQuerySchema, Object.fromEntries(url.searchParams));
      const today = todayIn(new Date());
      return { today, ...filterRegister({ data: await reader.register(), query, today }) };
    },
  },
];
