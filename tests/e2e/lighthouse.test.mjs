// Lighthouse 12.2.3 on the release build, mobile and desktop: prints the four category scores
// and the key metrics; fails on accessibility under 100 or best practices or SEO under 95.
// Performance is timing and is only warned about: speed is judged by the benchmarks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROMIUM_ARGS, serveDist } from "./harness.mjs";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
/** The least score each category must reach; performance has a target but does not fail. */
const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95, seo: 95 };
const WARN_ONLY = new Set(["performance"]);
const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "Speed Index"],
];

/** Runs Lighthouse once in a fresh Chromium profile; resolves to its report (the LHR). */
async function runLighthouse(url, config) {
  const userDataDir = await mkdtemp(join(tmpdir(), "threshold-lighthouse-"));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
    userDataDir,
    logLevel: "silent",
  });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES },
      config,
    );
    return result.lhr;
  } finally {
    await chrome.kill();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** The audits that lost points in a category, for a failure message that says what to fix. */
function lostPoints(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
    .map((ref) => `    ${ref.id} (score ${lhr.audits[ref.id].score}): ${lhr.audits[ref.id].title}`)
    .join("\n");
}

async function audit(formFactor, config) {
  // Compressed as any static host serves it; the app makes no request elsewhere.
  const server = await serveDist(undefined, { gzip: true });
  try {
    const lhr = await runLighthouse(`${server.origin}/`, config);
    assert.equal(lhr.runtimeError, undefined, `Lighthouse could not run: ${JSON.stringify(lhr.runtimeError)}`);
    assert.equal(lhr.configSettings.formFactor, formFactor);

    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score === null ? null : Math.round(lhr.categories[c].score * 100)]));
    console.log(`Lighthouse ${lhr.lighthouseVersion}, ${formFactor} (${lhr.configSettings.throttlingMethod} throttling):`);
    for (const c of CATEGORIES) console.log(`  ${c.padEnd(15)} ${String(scores[c]).padStart(3)}   target ≥ ${TARGETS[c]}`);
    console.log(`  ${METRICS.map(([id, name]) => `${name} ${lhr.audits[id].displayValue}`).join(", ")}`);
    for (const warning of lhr.runWarnings) console.log(`  Lighthouse warning: ${warning}`);

    // Lighthouse itself must not have reached beyond the served page.
    const requested = lhr.audits["network-requests"].details.items.map((item) => item.url);
    assert.ok(requested.length >= 3, `the page, its script and its wasm: ${requested}`);
    const foreign = requested.filter((url) => /^https?:/.test(url) && new URL(url).origin !== server.origin);
    assert.deepEqual(foreign, [], "requests to other origins");

    for (const c of CATEGORIES) {
      assert.notEqual(scores[c], null, `${c} was not scored`);
      if (scores[c] >= TARGETS[c]) continue;
      const message = `${formFactor} ${c} ${scores[c]} is under its target ${TARGETS[c]}; audits losing points:\n${lostPoints(lhr, c)}`;
      if (WARN_ONLY.has(c)) console.log(`  WARNING: ${message}`);
      else assert.fail(message);
    }
  } finally {
    await server.close();
  }
}

test("Lighthouse, mobile (the default: Moto G Power, simulated slow 4G and 4× CPU)", { timeout: 180000 }, async () => {
  await audit("mobile", undefined);
});

test("Lighthouse, desktop", { timeout: 180000 }, async () => {
  await audit("desktop", desktopConfig);
});
