/**
 * The 防返贫 journey: a 医保 list (built here as .xlsx) is imported on 部门数据比对 and raises a
 * lead; the identification procedure runs to 纳入监测 with each step by the role of its level
 * (jiazhai 村干部, banko 乡镇, leader 区县); jiazhai adds a 帮扶措施; the household page shows
 * 监测户, the measure and the completed procedure.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, login, PHONE, screenshotter, withContexts, zoneDatePlus, type TJourney } from './browser.js';
import { toBeHidden, toBeVisible, toContainText, toEqual, toHaveURL } from './expect.js';

/** A GET on the API with the page's session. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
    return res.json();
  }, url) as Promise<T>;
}

/** Opens a step's dialog on the lead page, lets `fill` complete it, confirms and waits for the step to be done. */
async function takeStep(page: Page, leadId: number, label: string, stepId: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.goto(`/household-leads/${leadId}`);
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await toBeVisible(dialog);
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: '确认办理' }).click();
  await toBeHidden(dialog);
  await toBeVisible(page.locator(`[data-testid="step-${stepId}"][data-state="done"]`));
}

async function typeDate(dialog: Locator, label: string, date: string): Promise<void> {
  const input = dialog.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

export const householdsJourney: TJourney = {
  name: '防返贫：医保名单比对生成线索 → 入户核实 → 逐级办理至纳入监测 → 添加帮扶措施',
  slug: 'households-identification',
  async run(ctx) {
    const shot = screenshotter(ctx.screenshotDir);
    await withContexts(ctx, [DESKTOP, DESKTOP, PHONE, DESKTOP], async ([adminCtx, leaderCtx, jiazhaiCtx, bankoCtx]) => {
      // admin finds a household of 贾寨行政村 that is neither monitored nor in a procedure, and its head's ID number.
      const admin = await adminCtx.newPage();
      await login(admin, 'admin');
      const areas = await apiGet<{ id: number; name: string }[]>(admin, '/api/lookup/areas');
      const village = areas.find((a) => a.name === '贾寨行政村');
      if (!village) throw new Error('贾寨行政村 not found');
      const page = await apiGet<{ items: { id: number; type: string; headName: string | null }[] }>(
        admin,
        `/api/households?areaId=${village.id}&type=ordinary,lifted&pageSize=50`,
      );
      let household: { id: number; headName: string; idNumber: string } | null = null;
      for (const h of page.items) {
        const leads = await apiGet<{ total: number }>(admin, `/api/household-leads?householdId=${h.id}&status=in_progress`);
        const elim = await apiGet<{ total: number }>(admin, `/api/household-leads?householdId=${h.id}&status=in_progress&kind=elimination`);
        if (leads.total || elim.total) continue;
        const d = await apiGet<{ type: string; members: { name: string; relation: string; idNumber: string | null; isActive: boolean }[] }>(
          admin,
          `/api/households/${h.id}?reveal=true`,
        );
        const head = d.members.find((m) => m.relation === 'head' && m.isActive);
        if (d.type === 'monitored' || !head?.idNumber || head.idNumber.includes('*')) continue;
        household = { id: h.id, headName: head.name, idNumber: head.idNumber };
        break;
      }
      if (!household) throw new Error('no 贾寨 household free for a new lead');

      // The 医保 list, as the department sends it.
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('大额自付');
      ws.addRow(['姓名', '证件号码', '金额', '说明']);
      ws.addRow([household.headName, household.idNumber, 23800, '住院自付费用（心脏支架手术）']);
      const xlsx = path.join(ctx.tmpDir, 'yibao-list.xlsx');
      await wb.xlsx.writeFile(xlsx);

      // leader imports it on 部门数据比对: one lead raised.
      const leader = await leaderCtx.newPage();
      await login(leader, 'leader');
      await leader.goto('/household-leads/import');
      await toBeVisible(leader.getByRole('heading', { name: '部门数据比对' }));
      await leader.getByRole('combobox', { name: '部门' }).click();
      await leader.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '医保' }).click();
      await leader.locator('input[type=file]').setInputFiles(xlsx);
      // Wait for the upload's answer, so a failure reports the server's words, not a missing element.
      // A click that sent nothing (seen once in CI, the request never left the page) is repeated once.
      const start = leader.getByRole('button', { name: '开始比对' });
      const answered = (timeout: number) =>
        leader.waitForResponse((r) => r.url().includes('/api/household-leads/department-import'), { timeout }).catch(() => null);
      let response = await Promise.all([answered(10_000), start.click()]).then(([r]) => r);
      if (!response) response = await Promise.all([answered(20_000), start.click()]).then(([r]) => r);
      if (!response) throw new Error('部门数据比对: no request reached the server after two clicks');
      if (response.status() !== 200) throw new Error(`部门数据比对 answered ${response.status()}: ${await response.text()}`);
      const result = leader.getByTestId('dept-import-result');
      await toBeVisible(result);
      await toContainText(result, '生成线索1');
      await shot(leader, 'leader-department-import');
      const leads = await apiGet<{ items: { id: number; channel: string }[] }>(leader, `/api/household-leads?householdId=${household.id}&status=in_progress`);
      toEqual(leads.items.length, 1);
      toEqual(leads.items[0].channel, 'department');
      const leadId = leads.items[0].id;
      await leader.getByRole('link', { name: '去线索列表办理' }).click();
      await toHaveURL(leader, /\/household-leads\?/);
      await toBeVisible(leader.locator('.ant-table-row').first());
      await shot(leader, 'leader-lead-list');

      // jiazhai (village cadre, phone) records the home visit.
      const jiazhai = await jiazhaiCtx.newPage();
      await login(jiazhai, 'jiazhai');
      await takeStep(jiazhai, leadId, '入户核实', 'home_visit', async (d) => {
        await d.getByLabel('办理意见').fill('已入户核实：户主住院手术，自付 2.38 万元；已签署承诺授权书。');
      });
      await shot(jiazhai, 'jiazhai-home-visit-done');

      // leader: 信息比对; jiazhai: 村级评议公示 (6 days back to yesterday).
      await takeStep(leader, leadId, '信息比对', 'data_check');
      await takeStep(jiazhai, leadId, '村级评议公示', 'village_review', async (d) => {
        await typeDate(d, '公示开始日期', zoneDatePlus(-6));
        await typeDate(d, '公示结束日期', zoneDatePlus(-1));
        await d.getByLabel('办理意见').fill('村民代表评议通过，公示无异议。');
      });
      await shot(jiazhai, 'jiazhai-publicity-done');

      // banko: 乡镇审核; leader: 区县审批.
      const banko = await bankoCtx.newPage();
      await login(banko, 'banko');
      await takeStep(banko, leadId, '乡镇审核', 'township_review');
      await takeStep(leader, leadId, '区县审批', 'district_approval');
      await shot(leader, 'leader-approved');

      // jiazhai: 结果公告 and 纳入监测 with the category and risk types.
      await takeStep(jiazhai, leadId, '结果公告', 'announcement');
      await takeStep(jiazhai, leadId, '纳入监测', 'enroll', async (d) => {
        await d.getByLabel('突发严重困难户').check();
        await d.getByLabel('因病').check();
      });
      await toContainText(jiazhai.getByTestId('lead-status'), '已纳入监测');
      await shot(jiazhai, 'jiazhai-enrolled');

      // jiazhai adds a 帮扶措施 on the household page.
      await jiazhai.getByTestId('lead-household-link').click();
      await toHaveURL(jiazhai, new RegExp(`/households/${household.id}$`));
      const measures = jiazhai.getByTestId('household-measures');
      await measures.getByRole('button', { name: '添加措施' }).click();
      const dialog = jiazhai.getByRole('dialog', { name: '添加帮扶措施' });
      await toBeVisible(dialog);
      await dialog.getByLabel('措施类型').click();
      await jiazhai.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '医疗救助' }).click();
      await dialog.getByLabel('帮扶内容').fill('申请医疗救助，报销住院自付费用');
      await dialog.getByLabel('金额（元）').fill('12000');
      await dialog.getByRole('button', { name: '添加' }).click();
      await toBeHidden(dialog);
      await toContainText(measures, '申请医疗救助，报销住院自付费用');

      // The household page shows it all: 监测户, the measure, the completed procedure.
      await jiazhai.reload();
      await toBeVisible(jiazhai.locator('.ant-tag', { hasText: '监测户' }).first());
      await toContainText(jiazhai.getByTestId('household-measures'), '医疗救助');
      const procedures = jiazhai.getByTestId('household-procedures');
      await toContainText(procedures, '已纳入监测');
      await toBeVisible(procedures.locator('[data-testid="step-enroll"][data-state="done"]'));
      await shot(jiazhai, 'jiazhai-household-page');
    });
  },
};
