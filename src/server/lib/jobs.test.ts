import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDb } from '../../../test/helpers.js';
import type { TDbHandle } from '../db/client.js';
import { jobTime, periodSlot, runModuleJob } from './jobs.js';
import { collectModules, defineModule } from './module.js';
import { MODULES } from '../modules/index.js';

let handle: TDbHandle;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ handle, drop } = await openTestDb());
});
afterAll(async () => {
  await handle?.close();
  await drop?.();
});

describe('periodic jobs', () => {
  test('a period is counted from zone midnight (UTC+8)', () => {
    // 2024-05-01 09:37 in Shanghai is 01:37 UTC.
    expect(periodSlot(new Date('2024-05-01T01:37:00Z'), 15)).toMatchObject({
      day: '2024-05-01',
      slot: '09:30',
      start: new Date('2024-05-01T01:30:00Z'),
      next: new Date('2024-05-01T01:45:00Z'),
    });
    // 23:59 in Shanghai on 04-30 is 15:59 UTC; hourly periods.
    expect(periodSlot(new Date('2024-04-30T15:59:00Z'), 60)).toMatchObject({ day: '2024-04-30', slot: '23:00' });
    expect(periodSlot(new Date('2024-04-30T16:00:00Z'), 60)).toMatchObject({ day: '2024-05-01', slot: '00:00' });
    expect(jobTime({ everyMinutes: 15 })).toBe('每 15 分钟');
    expect(jobTime({ everyMinutes: 120 })).toBe('每 2 小时');
    expect(jobTime({ hour: 2, minute: 30 })).toBe('02:30');
  });

  test('each period runs once across instances; the next period runs again', async () => {
    let runs = 0;
    const job = { name: 'test.every15', label: '测试', everyMinutes: 15, run: async () => ({ n: ++runs }) };
    const modules = collectModules([...MODULES, defineModule({ name: 'jobtest', jobs: [job] })]);
    const first = await Promise.all([1, 2, 3].map(() => runModuleJob(handle.db, modules, job, '2024-05-01', '09:30')));
    expect(first.filter((o) => o.ran)).toHaveLength(1);
    expect(first.filter((o) => !o.ran)).toHaveLength(2);
    expect((await runModuleJob(handle.db, modules, job, '2024-05-01', '09:45')).ran).toBe(true);
    expect(runs).toBe(2);
  });

  test('a job needs an hour or a period that divides a day', () => {
    const bad = (j: object) => () => collectModules([...MODULES, defineModule({ name: 'x', jobs: [{ name: 'x.j', label: 'x', run: async () => ({}), ...j }] })]);
    expect(bad({})).toThrow(/either an hour or everyMinutes/);
    expect(bad({ hour: 1, everyMinutes: 15 })).toThrow(/either an hour or everyMinutes/);
    expect(bad({ everyMinutes: 7 })).toThrow(/must divide a day/);
    expect(bad({ everyMinutes: 30 })).not.toThrow();
  });
});
