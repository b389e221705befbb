/**
 * Browser journeys: what people do in Zhili, end to end in Chromium.
 * The main one is the supervision loop: an inspector in the field (phone) raises a case with a
 * photo and assigns it on the spot; the property company's staff rectify it; the inspector
 * returns it once, then verifies; the case shows 已销号 with its full timeline.
 * Every step leaves a screenshot. Locators wait by themselves; there are no fixed sleeps.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { DESKTOP, login, PHONE, screenshotter, withContexts, zoneDatePlus, type TJourney } from './browser.js';
import { householdsJourney } from './households-journey.js';
import { toBeHidden, toBeVisible, toContainText, toEqual, toHaveCount, toHaveText, toHaveURL, until } from './expect.js';

export type { TJourney, TJourneyContext } from './browser.js';

/** A small PNG standing in for a camera photo. */
async function makePhoto(dir: string, name: string, color: { r: number; g: number; b: number }): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="rgb(${color.r},${color.g},${color.b})"/><circle cx="320" cy="240" r="120" fill="white" fill-opacity="0.6"/></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
  return file;
}

/** Picks an option in an antd Select / TreeSelect opened from its labelled field. */
async function pickOption(page: Page, field: Locator, search: string, option: string): Promise<void> {
  await field.click();
  await field.fill(search);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.locator(`[title="${option}"], .ant-select-item-option:has-text("${option}")`).first().click();
}

/** Picks a day in the open antd DatePicker. */
async function pickDate(page: Page, field: Locator, date: string): Promise<void> {
  await field.click();
  await page.locator(`.ant-picker-dropdown:visible td[title="${date}"]`).click();
}

/** Waits until every photo in an upload list has finished uploading. */
async function expectUploaded(scope: Locator | Page, count: number): Promise<void> {
  await toHaveCount(scope.locator('.ant-upload-list-item-done'), count);
  await toHaveCount(scope.locator('.ant-upload-list-item-uploading'), 0);
}

async function expectStatus(page: Page, label: string): Promise<void> {
  await toHaveText(page.getByTestId('case-status'), label);
}

/** Opens an action's dialog from the case page, fills it, confirms, and waits for it to close. */
async function takeAction(
  page: Page,
  action: string,
  fill: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await toBeVisible(dialog);
  await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await toBeHidden(dialog);
}

const caseLoop: TJourney = {
  name: '督办闭环：现场交办 → 整改 → 退回 → 再整改 → 复核销号',
  slug: 'case-loop',
  async run(ctx) {
    const shot = screenshotter(ctx.screenshotDir);
    const before = await makePhoto(ctx.tmpDir, 'before', { r: 150, g: 110, b: 60 });
    const after = await makePhoto(ctx.tmpDir, 'after', { r: 60, g: 160, b: 90 });
    const title = `3号楼北侧垃圾堆放未清运 ${Date.now().toString(36)}`;
    const deadline = zoneDatePlus(3);

    await withContexts(ctx, [PHONE, DESKTOP], async ([inspectorCtx, wuyeCtx]) => {
      // The inspector, in the field with a phone, raises the case and assigns it on the spot.
      const insp = await inspectorCtx.newPage();
      await login(insp, 'inspector');
      await shot(insp, 'inspector-home');
      await insp.getByRole('button', { name: '打开菜单' }).click();
      await insp.getByRole('menuitem', { name: '新建事项' }).click();
      await toBeVisible(insp.getByRole('heading', { name: '新建督办事项' }));
      await insp.getByLabel('标题').fill(title);
      await insp.getByLabel('问题描述').fill('3号楼北侧绿化带旁建筑垃圾和生活垃圾混堆，约 2 立方米，已有异味。');
      await pickOption(insp, insp.getByLabel('区域'), '中原社区A区', '中原社区A区');
      await insp.getByLabel('具体地点').fill('3号楼北侧');
      await insp.getByRole('button', { name: '定位' }).click();
      await toBeVisible(insp.getByText(/纬度 33\.6258/));
      await insp.locator('input[type=file]').first().setInputFiles(before);
      await expectUploaded(insp, 1);
      await insp.getByRole('switch', { name: '现场交办' }).click();
      await pickOption(insp, insp.getByLabel('责任单位'), '中原物业', '周口中原物业服务有限公司');
      await pickDate(insp, insp.getByLabel('整改期限'), deadline);
      await shot(insp, 'inspector-create-form');
      await insp.getByRole('button', { name: '提交并交办' }).click();
      await toHaveURL(insp, /\/cases\/\d+$/);
      await expectStatus(insp, '整改中');
      await toBeVisible(insp.getByText('周口中原物业服务有限公司').first());
      await toHaveCount(insp.locator('.zl-photos img'), 1);
      const caseUrl = new URL(insp.url()).pathname;
      await shot(insp, 'inspector-case-assigned');

      // The property company finds it in 我的待办 and submits the rectification with a photo.
      const wuye = await wuyeCtx.newPage();
      await login(wuye, 'wuye');
      await wuye.getByRole('menuitem', { name: '我的待办' }).click();
      await toBeVisible(wuye.getByRole('heading', { name: '我的待办' }));
      await shot(wuye, 'wuye-todo');
      await wuye.getByRole('link', { name: new RegExp(title) }).click();
      await toHaveURL(wuye, new RegExp(`${caseUrl}$`));
      await expectStatus(wuye, '整改中');
      await toHaveCount(wuye.getByRole('button', { name: '复核销号' }), 0);
      await takeAction(wuye, '提交整改', async (dialog) => {
        await dialog.getByLabel('整改情况').fill('已组织保洁人员清运垃圾，清理现场并消毒。');
        await dialog.locator('input[type=file]').setInputFiles(after);
        await expectUploaded(dialog, 1);
        await shot(wuye, 'wuye-submit-dialog');
      });
      await expectStatus(wuye, '待复核');
      await shot(wuye, 'wuye-submitted');

      // The inspector finds the rectification incomplete and returns it once.
      await insp.goto(caseUrl);
      await expectStatus(insp, '待复核');
      await takeAction(insp, '退回', async (dialog) => {
        await dialog.getByLabel('退回理由').fill('绿化带内仍有散落垃圾，请彻底清理。');
      });
      await expectStatus(insp, '已退回');
      await shot(insp, 'inspector-returned');

      // The company rectifies again.
      await wuye.reload();
      await expectStatus(wuye, '已退回');
      await toBeVisible(wuye.getByText('绿化带内仍有散落垃圾，请彻底清理。'));
      await takeAction(wuye, '提交整改', async (dialog) => {
        await dialog.getByLabel('整改情况').fill('已再次清理绿化带内散落垃圾，并安排专人每日巡查。');
        await dialog.locator('input[type=file]').setInputFiles(after);
        await expectUploaded(dialog, 1);
      });
      await expectStatus(wuye, '待复核');
      await shot(wuye, 'wuye-resubmitted');

      // The inspector verifies on site and closes the case.
      await insp.reload();
      await expectStatus(insp, '待复核');
      await takeAction(insp, '复核销号', async (dialog) => {
        await toBeVisible(dialog.getByText('已整改到位'));
        await dialog.getByLabel('复核意见').fill('现场复核，已整改到位。');
      });
      await expectStatus(insp, '已销号');
      await toHaveCount(insp.getByRole('button', { name: '复核销号' }), 0);

      // The full timeline, in order.
      const events = insp.getByTestId('case-timeline').locator('.zl-event');
      await toHaveCount(events, 6);
      const actions = await Promise.all((await events.all()).map((el) => el.getAttribute('data-action')));
      toEqual(actions, ['create', 'assign', 'submit', 'return', 'submit', 'verify']);
      const labels = ['登记问题', '交办', '提交整改', '退回', '提交整改', '复核销号'];
      for (let i = 0; i < labels.length; i++) await toContainText(events.nth(i), labels[i]);
      await toContainText(events.nth(1), '周口中原物业服务有限公司');
      await toContainText(events.nth(5), '已整改到位');
      await shot(insp, 'inspector-closed-timeline');

      // The company sees it closed too; it is gone from their 待办.
      await wuye.reload();
      await expectStatus(wuye, '已销号');
      await wuye.goto('/todo');
      await toBeVisible(wuye.getByRole('heading', { name: '我的待办' }));
      await toBeVisible(wuye.locator('.zl-case-card, .ant-empty'));
      await toHaveCount(wuye.getByRole('link', { name: new RegExp(title) }), 0);
      await shot(wuye, 'wuye-todo-after');
    });
  },
};

const inspection: TJourney = {
  name: '现场检查：逐项检查 → 不合格项现场交办 → 完成检查',
  slug: 'inspection',
  async run(ctx) {
    const shot = screenshotter(ctx.screenshotDir);
    const photo = await makePhoto(ctx.tmpDir, 'inspection', { r: 120, g: 120, b: 160 });
    await withContexts(ctx, [PHONE], async ([context]) => {
      const page = await context.newPage();
      await login(page, 'inspector');
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.getByRole('menuitem', { name: '检查记录' }).click();
      await page.getByRole('button', { name: '开始检查' }).click();
      await toBeVisible(page.getByRole('heading', { name: '开始检查' }));
      await pickOption(page, page.getByLabel('检查表'), '创文', '创文小区测评');
      await pickOption(page, page.getByLabel('检查区域'), '中原社区A区', '中原社区A区');
      await page.getByLabel('具体地点').fill('中原社区A区 5号楼');
      await shot(page, 'new-inspection');
      await page.getByRole('button', { name: '开始检查' }).click();
      await toHaveURL(page, /\/inspections\/\d+$/);

      const cards = page.locator('.ant-card:has(.ant-segmented)');
      const first = cards.nth(0);
      await first.getByText('不合格', { exact: true }).click();
      const note = first.getByRole('textbox');
      await toBeVisible(note);
      await note.fill('5号楼东侧垃圾桶满溢，地面有散落垃圾。');
      await first.locator('input[type=file]').setInputFiles(photo);
      await expectUploaded(first, 1);
      await shot(page, 'item-failed');

      await first.getByRole('button', { name: '现场交办' }).click();
      const dialog = page.getByRole('dialog', { name: '现场交办' });
      await toBeVisible(dialog);
      const unit = dialog.getByLabel('责任单位');
      if (!(await dialog.locator('.ant-select-selection-item').first().isVisible())) {
        await pickOption(page, unit, '中原物业', '周口中原物业服务有限公司');
      }
      await shot(page, 'raise-case-dialog');
      await dialog.getByRole('button', { name: '交办', exact: true }).click();
      await toBeHidden(dialog);
      const caseLink = first.getByRole('link', { name: /^DB\d+/ });
      await toBeVisible(caseLink);
      await toContainText(first, '已现场交办');
      const caseHref = await caseLink.getAttribute('href');
      await shot(page, 'case-raised');

      // Every other item passes.
      const total = await cards.count();
      for (let i = 1; i < total; i++) await cards.nth(i).getByText('合格', { exact: true }).click();
      await toContainText(page.locator('.ant-progress-text').first(), `${total}/${total}`);
      await page.getByRole('button', { name: '完成检查' }).click();
      const finish = page.getByRole('dialog', { name: '完成检查' });
      await toBeVisible(finish);
      await finish.getByLabel('检查小结').fill('1 项不合格，已现场交办物业公司限期整改。');
      await finish.getByRole('button', { name: '完成检查' }).click();
      await toBeHidden(finish);
      await toBeVisible(page.getByText('已完成', { exact: true }));
      await toBeVisible(page.getByText('1 项不合格，已现场交办物业公司限期整改。'));
      await shot(page, 'inspection-completed');

      // The raised case carries the inspection's finding.
      await page.locator(`a[href="${caseHref}"]`).click();
      await toHaveURL(page, /\/cases\/\d+$/);
      await toHaveText(page.getByTestId('case-status'), '整改中');
      await toBeVisible(page.getByTestId('case-status'));
      await shot(page, 'raised-case');
    });
  },
};

const chuangwenBulletin: TJourney = {
  name: '创文：小区测评两项不合格 → 现场交办物业 → 物业整改 → 本周督导通报列出',
  slug: 'chuangwen-bulletin',
  async run(ctx) {
    const shot = screenshotter(ctx.screenshotDir);
    await withContexts(ctx, [PHONE, PHONE], async ([inspectorCtx, wuyeCtx]) => {
      // The inspector inspects 中原社区A区 with the 创文小区测评 template on a phone.
      const insp = await inspectorCtx.newPage();
      await login(insp, 'inspector');
      await insp.getByRole('button', { name: '打开菜单' }).click();
      await insp.getByRole('menuitem', { name: '检查记录' }).click();
      await insp.getByRole('button', { name: '开始检查' }).click();
      await toBeVisible(insp.getByRole('heading', { name: '开始检查' }));
      await pickOption(insp, insp.getByLabel('检查表'), '创文', '创文小区测评');
      await pickOption(insp, insp.getByLabel('检查区域'), '中原社区A区', '中原社区A区');
      await insp.getByLabel('具体地点').fill('中原社区A区 2号楼');
      await insp.getByRole('button', { name: '开始检查' }).click();
      await toHaveURL(insp, /\/inspections\/\d+$/);

      // Two items fail; each becomes a case assigned on the spot to the property company.
      const cards = insp.locator('.ant-card:has(.ant-segmented)');
      const notes = ['2号楼楼道堆放纸箱杂物，堵塞消防通道。', '小区绿地内有积存垃圾，未及时清运。'];
      const codes: string[] = [];
      const hrefs: string[] = [];
      for (let i = 0; i < 2; i++) {
        const card = cards.nth(i);
        await card.getByText('不合格', { exact: true }).click();
        const note = card.getByRole('textbox');
        await toBeVisible(note);
        await note.fill(notes[i]);
        await note.blur();
        await card.getByRole('button', { name: '现场交办' }).click();
        const dialog = insp.getByRole('dialog', { name: '现场交办' });
        await toBeVisible(dialog);
        const picked = await dialog.locator('.ant-select-selection-item').first().textContent().catch(() => null);
        if (picked?.trim() !== '周口中原物业服务有限公司') {
          await pickOption(insp, dialog.getByLabel('责任单位'), '中原物业', '周口中原物业服务有限公司');
        }
        await toContainText(dialog.locator('.ant-select-selection-item').first(), '周口中原物业服务有限公司');
        if (i === 0) await shot(insp, 'raise-case-dialog');
        await dialog.getByRole('button', { name: '交办', exact: true }).click();
        await toBeHidden(dialog);
        const link = card.getByRole('link', { name: /^DB\d+/ });
        await toBeVisible(link);
        codes.push(((await link.textContent()) ?? '').trim());
        hrefs.push((await link.getAttribute('href')) ?? '');
      }
      toEqual(new Set(codes).size, 2);
      await shot(insp, 'two-items-raised');

      // The property company rectifies both, each with a note.
      const wuye = await wuyeCtx.newPage();
      await login(wuye, 'wuye');
      for (const href of hrefs) {
        await wuye.goto(href);
        await expectStatus(wuye, '整改中');
        await toBeVisible(wuye.getByText('周口中原物业服务有限公司').first());
        await takeAction(wuye, '提交整改', async (dialog) => {
          await dialog.getByLabel('整改情况').fill('已组织物业保洁人员清理完毕，并安排每日巡查。');
        });
        await expectStatus(wuye, '待复核');
      }
      await shot(wuye, 'wuye-submitted');

      // The inspector opens this week's 督导通报: both cases are listed among the new problems.
      await insp.goto('/');
      await insp.getByRole('button', { name: '打开菜单' }).click();
      await insp.getByRole('menuitem', { name: '督导通报' }).click();
      await toBeVisible(insp.getByRole('heading', { name: '督导通报' }));
      await toBeVisible(insp.getByText('本周', { exact: true }));
      const bulletin = insp.getByTestId('bulletin');
      await toContainText(bulletin, '示范区“创文”工作督导通报');
      const fresh = insp.getByTestId('bulletin-new');
      for (const code of codes) {
        const row = fresh.locator('.ant-list-item', { hasText: code });
        await toHaveCount(row, 1);
        await toContainText(row, '周口中原物业服务有限公司');
        await toContainText(row, '待复核');
      }
      await toBeVisible(insp.getByRole('link', { name: /下载 Word/ }));
      await toBeVisible(insp.getByRole('link', { name: /下载 Excel/ }));
      await shot(insp, 'bulletin-this-week');
    });
  },
};

const citizenReport: TJourney = {
  name: '群众随手拍：匿名反映垃圾乱倒 → 督导员受理交办 → 群众查询看到整改中',
  slug: 'citizen-report',
  async run(ctx) {
    const shot = screenshotter(ctx.screenshotDir);
    const photo = await makePhoto(ctx.tmpDir, 'citizen', { r: 130, g: 100, b: 70 });
    const description = `6号楼东侧绿化带有人倾倒建筑垃圾，已堆了好几天 ${Date.now().toString(36)}`;
    await withContexts(ctx, [PHONE, PHONE], async ([citizenCtx, inspectorCtx]) => {
      // An anonymous citizen reports the problem from a phone, with a photo and an address.
      const citizen = await citizenCtx.newPage();
      await citizen.goto('/report');
      await toBeVisible(citizen.getByRole('heading', { name: '随手拍' }));
      await pickOption(citizen, citizen.getByLabel('问题类别'), '垃圾乱倒', '垃圾乱倒');
      await pickOption(citizen, citizen.getByLabel('所在村(社区)'), '中原社区A区', '中原社区A区');
      await citizen.getByLabel('问题描述').fill(description);
      await citizen.locator('input[type=file]').setInputFiles(photo);
      await toBeVisible(citizen.getByAltText('已上传的照片'));
      await citizen.getByLabel('详细地址').fill('中原社区A区 6号楼东侧');
      await shot(citizen, 'citizen-report-form');
      await citizen.getByRole('button', { name: '提交', exact: true }).click();
      const codeBox = citizen.getByTestId('tracking-code');
      await toBeVisible(codeBox);
      const code = ((await codeBox.textContent()) ?? '').trim();
      toEqual(/^[A-Z2-9]{10}$/.test(code), true);
      await toBeVisible(citizen.getByRole('button', { name: /复制查询码/ }));
      await shot(citizen, 'citizen-tracking-code');
      await citizen.getByRole('link', { name: '查看办理进度' }).click();
      await toHaveURL(citizen, new RegExp(`/track/${code}$`));
      await toContainText(citizen.getByTestId('track-status'), '待审核');
      await shot(citizen, 'citizen-track-pending');

      // The inspector finds it under 群众反映 and accepts it, assigning the property company.
      const insp = await inspectorCtx.newPage();
      await login(insp, 'inspector');
      await insp.getByRole('button', { name: '打开菜单' }).click();
      await insp.getByRole('menuitem', { name: '群众反映' }).click();
      await toBeVisible(insp.getByRole('heading', { name: '群众反映' }));
      await shot(insp, 'inspector-reports');
      await insp.locator('.zl-case-card', { hasText: description.slice(0, 20) }).first().click();
      await toHaveURL(insp, /\/citizen\/reports\/\d+$/);
      await toContainText(insp.getByTestId('report-status'), '待审核');
      await toBeVisible(insp.getByText(code));
      await toHaveCount(insp.locator('img[alt="群众上传的照片"]'), 1);
      await shot(insp, 'inspector-report-detail');
      await insp.getByRole('button', { name: '受理', exact: true }).click();
      const dialog = insp.getByRole('dialog', { name: '受理' });
      await toBeVisible(dialog);
      await pickOption(insp, dialog.getByLabel('责任单位'), '中原物业', '周口中原物业服务有限公司');
      await shot(insp, 'inspector-accept-dialog');
      await dialog.getByRole('button', { name: '受理', exact: true }).click();
      await toBeHidden(dialog);
      await toContainText(insp.getByTestId('report-status'), '已受理');
      const caseLink = insp.getByRole('link', { name: /查看督办事项/ });
      await toBeVisible(caseLink);
      await shot(insp, 'inspector-accepted');
      await caseLink.click();
      await toHaveURL(insp, /\/cases\/\d+$/);
      await expectStatus(insp, '整改中');
      await toBeVisible(insp.getByText('周口中原物业服务有限公司').first());
      await shot(insp, 'inspector-case');

      // The citizen's tracking page now shows it is being handled.
      await citizen.reload();
      await until('the tracking page to show the report being handled', async () => {
        const t = ((await citizen.getByTestId('track-status').textContent()) ?? '').trim();
        return { ok: /受理|整改中/.test(t), seen: t };
      });
      await toContainText(citizen.locator('.zl-pub-kv'), '周口中原物业服务有限公司');
      await shot(citizen, 'citizen-track-handled');
    });
  },
};

/** Every journey, in the order they run. */
export const journeys: TJourney[] = [caseLoop, inspection, chuangwenBulletin, citizenReport, householdsJourney];
