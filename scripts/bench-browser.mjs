#!/usr/bin/env node
// Browser benchmark (run by hand, not in CI): in headless Chromium against the release dist/,
// measures the cold load to the first result and, over 200 input changes, the time from an
// input event to the updated results in the DOM. Prints figures; never fails on a time.
//
//   trunk build --release --offline && node scripts/bench-browser.mjs [changes]
import { launchBrowser, serveDist } from "../tests/e2e/harness.mjs";

const CHANGES = Number(process.argv[2] ?? 200);
const COLD_LOADS = 5;

function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * Runs in the page: times `changes` input events on the firearms box, each until the results
 * panel's DOM changes (NaN if it did not within 2 s). Each change crosses a §2K2.1(b)(1)
 * tier, so the offense level must move. With `whileRunning`, stops when the caseload run
 * ends.
 */
async function measureChanges({ changes, whileRunning }) {
  const input = document.querySelector("#field-firearms");
  const results = document.querySelector(".results-column");
  // Starts away from the default (5) so that every change moves the result.
  const counts = ["1", "5", "10", "30", "150", "300"];
  const out = [];
  for (let i = 0; i < changes; i++) {
    if (whileRunning && !document.querySelector("[data-testid=caseload-progress]")) break;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(results, { childList: true, subtree: true, characterData: true });
      // A change that moved nothing would hang the run: give up on it after two seconds.
      setTimeout(() => {
        observer.disconnect();
        resolve(NaN);
      }, 2000);
    });
    input.value = counts[i % counts.length];
    const start = performance.now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    out.push((await changed) - start);
    // Let the browser paint between changes, as it would between keystrokes.
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  }
  return out;
}

const server = await serveDist();
const browser = await launchBrowser();

// Cold load: a fresh context each time (no cache), from navigation start to the first range.
const loads = [];
for (let i = 0; i < COLD_LOADS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector("[data-testid=guideline-range]")) {
        window.__firstResultMs = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => window.__firstResultMs !== undefined);
  loads.push(await page.evaluate(() => window.__firstResultMs));
  await context.close();
}

// Input → DOM, timed inside the page.
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${server.origin}/`);
await page.waitForSelector("[data-testid=guideline-range]");
// The page's own work per change: after the first caseload run and its tornado, which take
// the caseload worker a core of this machine's two for several seconds after the load.
await page.getByTestId("tornado-table").waitFor({ state: "attached", timeout: 120000 });
const latencies = await page.evaluate(measureChanges, { changes: CHANGES, whileRunning: false });

// The same while a 10,000-referral × 100,000-draw projection runs in slices beside it.
await page.fill("#field-draws", "100000");
await page.locator(".mix > summary").click();
await page.fill("#param-mix-referrals", "10000");
await page.getByTestId("caseload-progress").waitFor();
const during = await page.evaluate(measureChanges, { changes: 50, whileRunning: true });
await context.close();
await browser.close();
await server.close();

const missed = latencies.filter(Number.isNaN).length;
if (missed) console.log(`${missed} changes did not update the DOM within 2 s (left out)`);
const sorted = latencies.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
const loadsSorted = [...loads].sort((a, b) => a - b);
const ms = (v) => `${v.toFixed(2)} ms`;
console.log(`input change → updated DOM over ${CHANGES} changes: median ${ms(quantile(sorted, 0.5))}, p95 ${ms(quantile(sorted, 0.95))}, max ${ms(sorted.at(-1))}`);
const duringSorted = during.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
if (duringSorted.length) {
  console.log(`the same during a 10,000-referral projection (${duringSorted.length} changes): median ${ms(quantile(duringSorted, 0.5))}, p95 ${ms(quantile(duringSorted, 0.95))}`);
}
console.log(`cold load → first result over ${COLD_LOADS} loads: median ${ms(quantile(loadsSorted, 0.5))}, max ${ms(loadsSorted.at(-1))}`);
