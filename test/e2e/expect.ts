/**
 * The few retrying assertions the journeys need (playwright-core ships no `expect`):
 * each polls its condition until it holds or the timeout passes, like Playwright's own.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 15_000;

/** Retries `check` until it returns true; throws with `what` and the last observed value otherwise. */
export async function until(what: string, check: () => Promise<boolean | { ok: boolean; seen: unknown }>, timeout = TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: unknown;
  let delay = 50;
  for (;;) {
    try {
      const r = await check();
      if (r === true) return;
      if (typeof r === 'object' && r.ok) return;
      if (typeof r === 'object') seen = r.seen;
    } catch (err) {
      seen = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`expected ${what}${seen !== undefined ? `; last seen: ${JSON.stringify(seen)}` : ''}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

/** Waits until the locator is visible. */
export async function toBeVisible(locator: Locator, timeout = TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Waits until the locator is hidden or gone. */
export async function toBeHidden(locator: Locator, timeout = TIMEOUT): Promise<void> {
  await until(`${locator} to be hidden`, async () => (await locator.count()) === 0 || !(await locator.first().isVisible()), timeout);
}

/** Waits until the locator matches exactly `n` elements. */
export async function toHaveCount(locator: Locator, n: number, timeout = TIMEOUT): Promise<void> {
  await until(`${locator} to have count ${n}`, async () => {
    const c = await locator.count();
    return { ok: c === n, seen: c };
  }, timeout);
}

/** Waits until the (first) element's trimmed text equals `text`. */
export async function toHaveText(locator: Locator, text: string, timeout = TIMEOUT): Promise<void> {
  await until(`${locator} to have text ${JSON.stringify(text)}`, async () => {
    const t = ((await locator.first().textContent()) ?? '').trim();
    return { ok: t === text, seen: t };
  }, timeout);
}

/** Waits until the (first) element's text contains `text`. */
export async function toContainText(locator: Locator, text: string, timeout = TIMEOUT): Promise<void> {
  await until(`${locator} to contain ${JSON.stringify(text)}`, async () => {
    const t = (await locator.first().textContent()) ?? '';
    return { ok: t.includes(text), seen: t };
  }, timeout);
}

/** Waits until the page's URL matches. */
export async function toHaveURL(page: Page, pattern: RegExp, timeout = TIMEOUT): Promise<void> {
  await page.waitForURL(pattern, { timeout });
}

/** Plain deep equality, failing with both values. */
export function toEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
