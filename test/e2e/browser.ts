/**
 * What every browser journey uses: the two devices, browser contexts that close (and leave a
 * screenshot of every page when the journey fails), numbered screenshots, signing in, dates.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toBeVisible } from './expect.js';

export interface TJourneyContext {
  browser: Browser;
  baseUrl: string;
  screenshotDir: string;
  tmpDir: string;
}

export interface TJourney {
  name: string;
  slug: string;
  run: (ctx: TJourneyContext) => Promise<void>;
}

export const PASSWORD = process.env.DEMO_PASSWORD || 'Zhili@2021';
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1440, height: 900 } };
type TDevice = typeof PHONE | typeof DESKTOP;

/** Numbered screenshots of one journey. */
export function screenshotter(dir: string) {
  let n = 0;
  return async (page: Page, name: string) => {
    n++;
    await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
}

/** The zone's date (Asia/Shanghai) `days` from today, as YYYY-MM-DD. */
export function zoneDatePlus(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

async function newContext(ctx: TJourneyContext, device: TDevice): Promise<BrowserContext> {
  const context = await ctx.browser.newContext({
    ...device,
    baseURL: ctx.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    permissions: ['geolocation'],
    geolocation: { latitude: 33.6258, longitude: 114.6496 },
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * Runs `body` with one browser context per device (one per person in the journey). If it fails,
 * every open page is saved as failure-N.png first; the contexts are closed either way.
 */
export async function withContexts<const T extends readonly TDevice[]>(
  ctx: TJourneyContext,
  devices: T,
  body: (contexts: { [K in keyof T]: BrowserContext }) => Promise<void>,
): Promise<void> {
  const contexts: BrowserContext[] = [];
  try {
    for (const d of devices) contexts.push(await newContext(ctx, d));
    await body(contexts as { [K in keyof T]: BrowserContext });
  } catch (err) {
    let i = 0;
    for (const c of contexts) {
      for (const p of c.pages()) {
        i++;
        await p.screenshot({ path: path.join(ctx.screenshotDir, `failure-${i}.png`), fullPage: true }).catch(() => {});
      }
    }
    throw err;
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
  }
}

/** Signs in on the login page and waits for the home page's greeting. */
export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await toBeVisible(page.getByRole('heading', { name: /^您好/ }));
}
