/**
 * Inspection subjects: a module declares a kind of record that may be inspected (here a test
 * "clinic"); an inspection of one takes its area and name, a failed item's case goes to its unit,
 * and the module's records' inspections are listed by subject. Out-of-scope subjects are refused.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { login, openTestDb, TEST_PASSWORD, type TClient } from '../../../../test/helpers.js';
import { buildApp } from '../../app.js';
import { defaultAppConfig } from '../../config.js';
import type { TDbHandle } from '../../db/client.js';
import { isAreaInScope } from '../../lib/scope.js';
import { createMemoryStorage } from '../../lib/storage.js';
import { defineModule } from '../../lib/module.js';
import type { TApp } from '../../lib/types.js';
import { MODULES } from '../index.js';
import { seedBase, type TBaseSeed } from '../../seed/base.js';
import { seedChecklistTemplates } from './checklists.seed.js';

let handle: TDbHandle;
let drop: () => Promise<void>;
let app: TApp;
let seed: TBaseSeed;
let clinics: Map<number, { areaId: number; areaCode: string; name: string; unitId: number }>;
let templateId: number;

beforeAll(async () => {
  ({ handle, drop } = await openTestDb());
  seed = await seedBase(handle.db, TEST_PASSWORD);
  const templates = await seedChecklistTemplates(handle.db, seed.unitByName);
  templateId = templates.find((t) => t.name === '接诊“十须知”')!.id;
  const area = (name: string) => seed.areaByName.get(name)!;
  const unit = seed.unitByName.get('示范区卫生健康委员会')!.id;
  clinics = new Map([
    [1, { areaId: area('贾寨行政村').id, areaCode: area('贾寨行政村').code, name: '贾寨村卫生室', unitId: unit }],
    [2, { areaId: area('石庄行政村').id, areaCode: area('石庄行政村').code, name: '石庄村卫生室', unitId: unit }],
  ]);
  const clinicModule = defineModule({
    name: 'test-clinics',
    inspectionSubjects: {
      test_clinic: {
        label: '测试卫生室',
        find: async (_db, user, id) => {
          const c = clinics.get(id);
          return c && isAreaInScope(user, c.areaCode) ? { areaId: c.areaId, name: c.name, lat: 33.6, lng: 114.6, unitId: c.unitId } : null;
        },
      },
    },
  });
  app = await buildApp(
    { db: handle.db, dbKind: handle.kind, storage: createMemoryStorage(), config: defaultAppConfig({}) },
    { modules: [...MODULES, clinicModule] },
  );
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
  await drop?.();
});

describe('inspection subjects', () => {
  let banko: TClient;
  beforeAll(async () => {
    banko = await login(app, 'banko');
  });

  test('an inspection of a subject takes its area and name; a failed item becomes a case for its unit', async () => {
    const created = await banko.post('/api/inspections', { templateId, subject: { type: 'test_clinic', id: 1 } });
    expect(created.statusCode, created.body).toBe(201);
    const insp = created.json();
    expect(insp).toMatchObject({ areaId: clinics.get(1)!.areaId, place: '贾寨村卫生室', subject: { type: 'test_clinic', id: 1 } });
    const item = insp.items[0];
    const res = await app.inject({
      method: 'PUT',
      url: `/api/inspections/${insp.id}/results/${item.id}`,
      headers: { cookie: banko.cookie, 'x-csrf-token': banko.csrf },
      payload: { result: 'fail', note: '未登记发热病人', attachmentIds: [] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const raised = await banko.post(`/api/inspections/${insp.id}/results/${item.id}/case`, {});
    expect(raised.statusCode, raised.body).toBe(201);
    expect(raised.json()).toMatchObject({ status: 'rectifying' });
    const c = (await banko.get(`/api/cases/${raised.json().id}`)).json();
    expect(c).toMatchObject({ unitId: clinics.get(1)!.unitId, place: '贾寨村卫生室', originType: 'inspection_result' });
    // The module lists its records' inspections by subject.
    const mine = (await banko.get('/api/inspections?subjectType=test_clinic&subjectId=1')).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual([insp.id]);
    expect((await banko.get('/api/inspections?subjectType=test_clinic&subjectId=2')).json().items).toEqual([]);
  });

  test("a subject outside the inspector's scope, or of an undeclared type, is refused", async () => {
    const other = await banko.post('/api/inspections', { templateId, subject: { type: 'test_clinic', id: 2 } });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields.subject).toBeDefined();
    expect((await banko.post('/api/inspections', { templateId, subject: { type: 'nothing', id: 1 } })).statusCode).toBe(400);
  });
});
