import { describe, expect, test } from 'vitest';
import { PROCEDURES, decideStep, deadlineStatus, openSteps, stepsForRole, type TProcedureState, type TProcedureStep } from './procedure.js';
import type { TRole } from '../roles.js';

const today = '2024-05-20';
const actorOf = (role: TRole) => ({ id: 1, name: '测试', role });
const fresh = (kind: TProcedureState['kind'] = 'identification'): TProcedureState => ({ kind, status: 'in_progress', done: {} });
const rec = { on: today, byId: 1, byName: 'x', note: null };
const withDone = (steps: TProcedureStep[], kind: TProcedureState['kind'] = 'identification'): TProcedureState => ({
  kind,
  status: 'in_progress',
  done: Object.fromEntries(steps.map((s) => [s, rec])),
});
const input = (step: TProcedureStep, over: Partial<Parameters<typeof decideStep>[2]> = {}) => ({
  step,
  action: 'complete' as const,
  today,
  publicityMinDays: 5,
  ...over,
});

describe('procedure machine', () => {
  test('identification starts with 入户核实 only; then 信息比对 and 评议 run in parallel', () => {
    expect(openSteps(fresh())).toEqual(['home_visit']);
    expect(openSteps(withDone(['home_visit']))).toEqual(['data_check', 'village_review']);
    expect(openSteps(withDone(['home_visit', 'data_check']))).toEqual(['village_review']);
    expect(openSteps(withDone(['home_visit', 'data_check', 'village_review']))).toEqual(['township_review']);
    expect(stepsForRole(withDone(['home_visit']), 'village_cadre')).toEqual(['village_review']);
    expect(stepsForRole(withDone(['home_visit']), 'leader')).toEqual(['data_check']);
  });

  const roles: TRole[] = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre', 'unit_staff', 'clinic_staff', 'discipline'];
  for (const kind of ['identification', 'elimination'] as const) {
    for (const def of PROCEDURES[kind]) {
      for (const role of roles) {
        test(`${kind} ${def.step} by ${role}: ${def.roles.includes(role) ? 'allowed' : 'refused'}`, () => {
          const state = withDone([...def.after], kind);
          // Prerequisites of prerequisites: mark every step before this one done.
          const idx = PROCEDURES[kind].findIndex((d) => d.step === def.step);
          for (const d of PROCEDURES[kind].slice(0, idx)) if (d.step !== def.step && !(kind === 'identification' && def.step === 'village_review' && d.step === 'data_check')) state.done[d.step] = rec;
          const d = decideStep(state, actorOf(role), input(def.step, { publicityStart: '2024-05-10', publicityEnd: '2024-05-14' }));
          if (def.roles.includes(role)) expect(d.ok).toBe(true);
          else expect(d).toMatchObject({ ok: false, code: 'PROCEDURE_FORBIDDEN_FOR_ROLE' });
        });
      }
    }
  }

  test('a step before its prerequisites is refused, naming them', () => {
    const d = decideStep(withDone(['home_visit', 'data_check']), actorOf('township_cadre'), input('township_review'));
    expect(d).toMatchObject({ ok: false, code: 'PROCEDURE_STEP_NOT_AVAILABLE', message: '请先完成“村级评议公示”再办理“乡镇审核”' });
    expect(decideStep(withDone(['home_visit']), actorOf('village_cadre'), input('home_visit'))).toMatchObject({ ok: false, code: 'PROCEDURE_STEP_NOT_AVAILABLE' });
    expect(decideStep(fresh(), actorOf('village_cadre'), input('review_publicity'))).toMatchObject({ ok: false, message: '该程序没有这一环节' });
  });

  test('publicity needs start and end, ≥ 5 days counted inclusively, ended by today', () => {
    const s = withDone(['home_visit']);
    const vc = actorOf('village_cadre');
    expect(decideStep(s, vc, input('village_review'))).toMatchObject({ ok: false, field: 'publicityStart' });
    expect(decideStep(s, vc, input('village_review', { publicityStart: '2024-05-10' }))).toMatchObject({ ok: false, field: 'publicityEnd' });
    expect(decideStep(s, vc, input('village_review', { publicityStart: '2024-05-10', publicityEnd: '2024-05-13' }))).toMatchObject({
      ok: false,
      message: '公示期 4 天，不少于 5 天',
    });
    expect(decideStep(s, vc, input('village_review', { publicityStart: '2024-05-10', publicityEnd: '2024-05-09' }))).toMatchObject({ ok: false });
    expect(decideStep(s, vc, input('village_review', { publicityStart: '2024-05-18', publicityEnd: '2024-05-22' }))).toMatchObject({
      ok: false,
      message: '公示期尚未结束，结束后再办理',
    });
    const d = decideStep(s, vc, input('village_review', { publicityStart: '2024-05-10', publicityEnd: '2024-05-14' }));
    expect(d).toMatchObject({ ok: true, status: 'in_progress', record: { publicityStart: '2024-05-10', publicityEnd: '2024-05-14' } });
  });

  test('refusal needs a reason and closes the procedure', () => {
    const vc = actorOf('village_cadre');
    expect(decideStep(fresh(), vc, input('home_visit', { action: 'refuse' }))).toMatchObject({ ok: false, field: 'note' });
    const d = decideStep(fresh(), vc, input('home_visit', { action: 'refuse', note: '收入高于监测线' }));
    expect(d).toMatchObject({ ok: true, status: 'refused', isFinal: true });
    const closed: TProcedureState = { kind: 'identification', status: 'refused', done: {} };
    expect(decideStep(closed, vc, input('home_visit'))).toMatchObject({ ok: false, code: 'PROCEDURE_CLOSED' });
    expect(openSteps(closed)).toEqual([]);
  });

  test('the last step completes the procedure', () => {
    const all = PROCEDURES.identification.map((d) => d.step).filter((s) => s !== 'enroll');
    expect(decideStep(withDone(all), actorOf('township_cadre'), input('enroll'))).toMatchObject({ ok: true, status: 'completed', isFinal: true });
    expect(decideStep(withDone(['home_visit', 'review_publicity'], 'elimination'), actorOf('township_cadre'), input('confirm_announce'))).toMatchObject({
      ok: true,
      status: 'completed',
    });
  });

  test('days used and remaining against the limit', () => {
    expect(deadlineStatus('2024-05-01', '2024-05-01', 15)).toEqual({ daysUsed: 0, daysRemaining: 15, isOverdue: false });
    expect(deadlineStatus('2024-05-01', '2024-05-16', 15)).toEqual({ daysUsed: 15, daysRemaining: 0, isOverdue: false });
    expect(deadlineStatus('2024-05-01', '2024-05-17', 15)).toEqual({ daysUsed: 16, daysRemaining: -1, isOverdue: true });
  });
});
