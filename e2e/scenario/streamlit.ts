/**
 * The Streamlit gold-layer app as a person sees it: headless Chromium (Debian's, driven by
 * playwright-core) opens the page, waits for the app's script to have run, and reads what is
 * rendered — the title, the table chosen in the sidebar, the row count line, and the data grid's
 * cells. st.dataframe draws its cells on a canvas; the grid mirrors the visible cells into an
 * accessibility table (role="grid", what a screen reader reads), which is what is read here.
 * A screenshot is kept next to the logs as evidence.
 */
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { cacheDir } from '../lib/cache';
import { AssertionFailed } from './assert';

/** The data grid's accessibility table. */
const GRID = '[data-testid="stDataFrame"] table[role="grid"]';

export interface RenderedPage {
  /** The page's visible text (document.body.innerText). */
  readonly text: string;
  /** The data grid's header cells and body rows, as rendered. */
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly screenshot: string;
  /** Navigation to the grid showing rows. */
  readonly ms: number;
}

/** Opens the app and reads it once the grid shows `expectedRows` rows (or the timeout passes). */
export async function renderStreamlit(executable: string, url: string, expectedRows: number, timeoutMs: number): Promise<RenderedPage> {
  const browser = await chromium.launch({ executablePath: executable, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const screenshot = path.join(cacheDir('logs'), 'streamlit.png');
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    const grid = page.locator(GRID);
    try {
      await grid.first().waitFor({ state: 'attached', timeout: timeoutMs });
      // Rows arrive after the grid itself; the app is done when its status widget is gone too.
      await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(`${GRID} tbody tr`)}).length >= ${expectedRows}`, undefined, { timeout: timeoutMs });
      await page.locator('[data-testid="stStatusWidget"]').waitFor({ state: 'detached', timeout: timeoutMs }).catch(() => undefined);
    } catch (err) {
      await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
      const text = await page.evaluate<string>('document.body.innerText').catch(() => '');
      throw new AssertionFailed(`the Streamlit page at ${url} shows no data grid with ${expectedRows} rows within ${timeoutMs / 1000} s (${(err as Error).message.split('\n')[0]}); it shows:\n${text.slice(0, 1500)}\nscreenshot: ${screenshot}`);
    }
    const ms = Date.now() - started;
    await page.screenshot({ path: screenshot, fullPage: true });
    // A string: the project compiles without the DOM library; this runs in the page.
    const { text, headers, rows } = await page.evaluate<{ text: string; headers: string[]; rows: string[][] }>(`(() => {
      const table = document.querySelector(${JSON.stringify(GRID)});
      const cells = (tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent || '').trim());
      const head = table.querySelector('thead tr');
      return { text: document.body.innerText, headers: head ? cells(head) : [], rows: [...table.querySelectorAll('tbody tr')].map(cells) };
    })()`);
    return { text, headers, rows, screenshot, ms };
  } finally {
    await browser.close();
  }
}
