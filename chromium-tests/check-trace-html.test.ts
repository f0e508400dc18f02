/**
 * The picture of a verdict (`check-trace FILE --html OUT`), opened in a real browser: Debian's
 * chromium, driven by playwright-core (no browser download; `/usr/bin/chromium` must be installed,
 * and the test fails, naming the package, when it is not). It checks, through the page's DOM and
 * the drawn geometry, that an illegal golden trace highlights the very operation the checker names
 * and shows the verdict's clause and message; that every returned operation of every legal golden
 * trace has its numbered instant, in the checker's order and on its own bar; that hovering and
 * clicking show an operation's details; and that the page asks the network for nothing.
 *
 * It saves a screenshot of the illegal page; with `EVENT_VALUE_SCREENSHOT=1` it writes it to
 * docs/check-trace-html.png (the one in the docs), otherwise to a temporary folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTrace, type Verdict } from '../conformance/trace/check.js';
import { parseTrace, type Trace } from '../conformance/trace/format.js';
import { renderVerdictHtml } from '../conformance/visualize/page.js';

const root = join(import.meta.dirname, '..');
const golden = join(root, 'conformance', 'golden');
const executablePath = '/usr/bin/chromium';
/** Without the background-networking flags, chromium's own connections are refused on a closed network and it stalls. */
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let folder: string;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} not found: install Debian's package chromium (apt-get install chromium)`);
  folder = mkdtempSync(join(tmpdir(), 'event-value-chromium-'));
  context = await chromium.launchPersistentContext(join(folder, 'profile'), { executablePath, args, headless: true, viewport: { width: 1200, height: 640 } });
});

afterAll(async () => {
  await context?.close();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

const read = (path: string): Trace => parseTrace(readFileSync(join(golden, path), 'utf8'));

/** Writes the page for `verdict` on `trace`, opens it, and checks it loaded without an error or a request. */
async function open(trace: Trace, verdict: Verdict, name: string): Promise<Page> {
  const file = join(folder, `${name}.html`);
  writeFileSync(file, renderVerdictHtml(trace, verdict, { title: name }));
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  expect(errors).toEqual([]);
  expect(requests).toEqual([pathToFileURL(file).href]);
  return page;
}

/**
 * The few DOM members the in-page code below uses. The project compiles without the DOM library
 * (its code runs on Node), so they are declared here, for this file only.
 */
interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly left: number; readonly right: number; readonly width: number };
  querySelector(selectors: string): PageElement | null;
}
declare const document: { querySelector(selectors: string): PageElement | null; querySelectorAll(selectors: string): Iterable<PageElement> };
declare function getComputedStyle(element: PageElement): { readonly stroke: string };

/** What the page draws, read from its DOM: bars, instants and the failure marker, with their horizontal extents. */
interface Drawn {
  readonly bars: { readonly id: string; readonly state: string; readonly failed: boolean; readonly left: number; readonly right: number; readonly stroke: string }[];
  readonly points: { readonly order: number; readonly id: string; readonly phase: string; readonly x: number }[];
  readonly failure: { readonly id: string | null; readonly x: number } | undefined;
}

function drawn(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    const centre = (element: PageElement): number => {
      const box = element.getBoundingClientRect();
      return box.left + box.width / 2;
    };
    const bars = [...document.querySelectorAll('[data-bar]')].map((bar) => {
      const rect = bar.querySelector('rect') as PageElement;
      const box = rect.getBoundingClientRect();
      return { id: bar.getAttribute('data-op') ?? '', state: bar.getAttribute('data-state') ?? '', failed: bar.getAttribute('data-failed') === 'true', left: box.left, right: box.right, stroke: getComputedStyle(rect).stroke };
    });
    const points = [...document.querySelectorAll('[data-point]')].map((point) => ({
      order: Number(point.getAttribute('data-point')),
      id: point.getAttribute('data-op') ?? '',
      phase: point.getAttribute('data-phase') ?? '',
      x: centre(point.querySelector('line') as PageElement),
    }));
    const marker = document.querySelector('[data-role="failure-point"]');
    const failure = marker === null ? undefined : { id: marker.getAttribute('data-op'), x: centre(marker.querySelector('line') as PageElement) };
    return { bars, points, failure };
  });
}

/** Each instant lies on its own operation's bar, and they run left to right in their order. */
function expectInstantsOnTheirBars(picture: Drawn): void {
  picture.points.forEach((point, index) => {
    expect(point.order).toBe(index + 1);
    if (index > 0) expect(point.x).toBeGreaterThan((picture.points[index - 1] as { x: number }).x);
    const bar = picture.bars.find((candidate) => candidate.id === point.id);
    expect(bar, `the bar of ${point.id}`).toBeDefined();
    expect(point.x).toBeGreaterThan((bar as { left: number }).left);
    expect(point.x).toBeLessThan((bar as { right: number }).right);
  });
}

describe('check-trace --html in chromium', () => {
  it('highlights the operation the checker names in an illegal golden trace, with its clause and message', async () => {
    const trace = read('illegal/CLOSE-3.closed-watcher-answers.jsonl');
    const verdict = checkTrace(trace);
    if (verdict.verdict !== 'illegal') throw new Error(`the golden trace is judged ${verdict.verdict}, not illegal`);
    expect(verdict.operation).toBeDefined();
    const page = await open(trace, verdict, 'CLOSE-3.closed-watcher-answers.jsonl');

    await expect(page.locator('[data-role="verdict"]').getAttribute('data-verdict')).resolves.toBe('illegal');
    await expect(page.locator('[data-role="clause"]').textContent()).resolves.toBe(verdict.clause);
    await expect(page.locator('[data-role="message"]').textContent()).resolves.toBe(verdict.message);
    expect(await page.locator('[data-role="clause"]').isVisible()).toBe(true);

    const picture = await drawn(page);
    const highlighted = picture.bars.filter((bar) => bar.failed);
    expect(highlighted.map((bar) => bar.id)).toEqual([verdict.operation]);
    // Highlighted in red, unlike every other bar.
    expect(highlighted[0]?.stroke).toBe('rgb(198, 40, 40)');
    expect(picture.bars.filter((bar) => !bar.failed).every((bar) => bar.stroke !== 'rgb(198, 40, 40)')).toBe(true);
    // The red marker sits on that bar, after the legal prefix, whose instants are the verdict's.
    expect(picture.failure?.id).toBe(verdict.operation);
    expect(picture.failure?.x).toBeGreaterThan(highlighted[0]?.left as number);
    expect(picture.failure?.x).toBeLessThan(highlighted[0]?.right as number);
    expect(picture.failure?.x).toBeGreaterThan(Math.max(...picture.points.map((point) => point.x)));
    expect(picture.points.map(({ id, phase }) => ({ id, phase }))).toEqual(verdict.linearization.map(({ id, phase }) => ({ id, phase })));
    expectInstantsOnTheirBars(picture);

    // The failing operation is selected on load: its details are shown.
    const details = page.locator('[data-role="details"]');
    expect(await details.isVisible()).toBe(true);
    await expect(details.getAttribute('data-op')).resolves.toBe(verdict.operation);
    const failed = trace.operations.find((operation) => operation.id === verdict.operation);
    await expect(details.locator('[data-term="called"]').textContent()).resolves.toBe(`line ${failed?.line}`);

    const screenshot = process.env['EVENT_VALUE_SCREENSHOT'] === '1' ? join(root, 'docs', 'check-trace-html.png') : join(folder, 'check-trace-html.png');
    // The whole page and nothing more: a viewport lower than the page, then a full-page screenshot.
    await page.setViewportSize({ width: 1200, height: 200 });
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('marks the end of the trace when that is where the history failed, and says the recording ended quiescent', async () => {
    const trace = read('illegal/CLOSE-3.original-defect-4-get-after-close-waits.jsonl');
    const verdict = checkTrace(trace);
    if (verdict.verdict !== 'illegal') throw new Error(`the golden trace is judged ${verdict.verdict}, not illegal`);
    expect(verdict).toMatchObject({ line: 'end', operation: undefined });
    const page = await open(trace, verdict, 'CLOSE-3.original-defect-4-get-after-close-waits.jsonl');
    await expect(page.locator('[data-role="clause"]').textContent()).resolves.toBe(verdict.clause);
    await expect(page.locator('[data-role="ending"]').getAttribute('data-ending')).resolves.toBe('quiescent');
    await expect(page.locator('[data-role="ending"]').textContent()).resolves.toMatch(/^recording ended quiescent: 1 operation was still pending/);
    const picture = await drawn(page);
    expect(picture.bars.filter((bar) => bar.failed)).toEqual([]);
    expect(picture.failure?.id).toBeNull();
    // At the right edge: past every bar's start, on the end marker.
    const end = await page.locator('[data-role="end-marker"] line').boundingBox();
    expect(picture.failure?.x).toBeCloseTo((end?.x ?? 0) + (end?.width ?? 0) / 2, 0);
    for (const bar of picture.bars) expect(picture.failure?.x).toBeGreaterThan(bar.left);
    expectInstantsOnTheirBars(picture);
    await page.close();
  });

  for (const file of readdirSync(join(golden, 'legal'))) {
    it(`draws a complete linearization for legal/${file}: every returned operation has its instant`, async () => {
      const trace = read(`legal/${file}`);
      const verdict = checkTrace(trace);
      if (verdict.verdict !== 'ok') throw new Error(`the golden trace is judged ${verdict.verdict}, not ok`);
      const page = await open(trace, verdict, file);
      await expect(page.locator('[data-role="verdict"]').getAttribute('data-verdict')).resolves.toBe('ok');
      const picture = await drawn(page);
      expect(picture.bars.map((bar) => bar.id)).toEqual(trace.operations.map((operation) => operation.id));
      const withInstant = new Set(picture.points.map((point) => point.id));
      const returned = picture.bars.filter((bar) => bar.state === 'returned');
      expect(returned.length).toBeGreaterThan(0);
      for (const bar of returned) expect(withInstant.has(bar.id), `an instant of ${bar.id}`).toBe(true);
      expect(picture.points.map(({ id, phase }) => ({ id, phase }))).toEqual(verdict.linearization.map(({ id, phase }) => ({ id, phase })));
      expectInstantsOnTheirBars(picture);
      expect(picture.failure).toBeUndefined();
      await page.close();
    });
  }

  it("shows an operation's details on hover, and keeps them for a clicked one", async () => {
    const trace = read('legal/multi-threaded-overlap.jsonl');
    const page = await open(trace, checkTrace(trace), 'multi-threaded-overlap.jsonl');
    const details = page.locator('[data-role="details"]');
    await expect(details.getAttribute('data-op')).resolves.toBeNull();
    await expect(details.textContent()).resolves.toMatch(/Hover over an operation/);
    await page.hover('[data-bar][data-op="g2"]');
    await expect(details.getAttribute('data-op')).resolves.toBe('g2');
    await expect(details.locator('[data-term="thread"]').textContent()).resolves.toBe('t2');
    await expect(details.locator('[data-term="called"]').textContent()).resolves.toBe('line 7');
    await expect(details.locator('[data-term="outcome"]').textContent()).resolves.toBe('returned at line 12, resolved with 1');
    await page.click('[data-bar][data-op="c1"]');
    await page.mouse.move(2, 2);
    await expect(details.getAttribute('data-op')).resolves.toBe('c1');
    expect(await page.locator('[data-bar][data-op="c1"]').getAttribute('class')).toMatch(/\bselected\b/);
    await page.close();
  });

  it('stays usable at 3,000 operations: finding one far to the right, by id or by line, scrolls to it and shows it', async () => {
    // A watcher, then 1,500 sets each received by a get: legal, and 3,001 operations wide.
    const records: object[] = [{ trace: 'event-value', version: 1, mode: 'async' }, { event: 'op', id: 'w', op: 'watch', watcher: 'w' }];
    for (let index = 1; index <= 1500; index++) {
      records.push({ event: 'op', id: `s${index}`, thread: 'producer', op: 'set', data: index });
      records.push({ event: 'op', id: `g${index}`, thread: 'consumer', op: 'get', watcher: 'w', data: index });
    }
    const trace = parseTrace(records.map((record) => JSON.stringify(record)).join('\n'));
    const verdict = checkTrace(trace);
    expect(verdict.verdict).toBe('ok');
    const page = await open(trace, verdict, 'three-thousand');
    expect(await page.locator('[data-bar]').count()).toBe(3001);
    const viewport = page.viewportSize() as { width: number };
    const inView = async (id: string): Promise<boolean> => {
      const box = await page.locator(`[data-bar][data-op="${id}"] rect`).boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= viewport.width;
    };
    expect(await inView('g1400')).toBe(false);
    await page.fill('[data-role="find"] input', 'g1400');
    await page.press('[data-role="find"] input', 'Enter');
    await expect(page.locator('[data-role="details"]').getAttribute('data-op')).resolves.toBe('g1400');
    expect(await inView('g1400')).toBe(true);
    // Line 2,001 of the file calls s1000 (line 1 is the header, line 2 the watch).
    await page.fill('[data-role="find"] input', '2001');
    await page.press('[data-role="find"] input', 'Enter');
    await expect(page.locator('[data-role="details"]').getAttribute('data-op')).resolves.toBe('s1000');
    expect(await inView('s1000')).toBe(true);
    await page.fill('[data-role="find"] input', 'nothing-by-this-name');
    await page.press('[data-role="find"] input', 'Enter');
    await expect(page.locator('[data-role="find-result"]').textContent()).resolves.toBe('no such operation');
    await page.close();
  });

  it('draws an unknown verdict with its reason and no instant', async () => {
    const trace = read('legal/multi-threaded-overlap.jsonl');
    const verdict = checkTrace(trace, { budget: 0 });
    if (verdict.verdict !== 'unknown') throw new Error(`judged ${verdict.verdict} with no budget`);
    const page = await open(trace, verdict, 'unknown');
    await expect(page.locator('[data-role="reason"]').textContent()).resolves.toBe(verdict.reason);
    expect(await page.locator('[data-point]').count()).toBe(0);
    expect(await page.locator('[data-bar]').count()).toBe(trace.operations.length);
    await page.close();
  });
});
