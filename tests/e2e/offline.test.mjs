// Offline and locked down: after one visit the served app opens and computes with its server
// gone (service worker); the single file computes from file://; a whole session asks nothing
// of any other origin; the Content-Security-Policy allows no inline code but the loader's
// and nothing in a session violates it.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cliEvaluate, expectShown } from "./formats.mjs";
import { DIST, openRecordedPage, serveDist, servedBrowser, showMoreFacts, waitForApp } from "./harness.mjs";
import { postBuild } from "../../scripts/offline/post-build.mjs";

const served = servedBrowser();
const SINGLE_FILE = fileURLToPath(new URL("../../dist-single/threshold.html", import.meta.url));

before(() => {
  // scripts/test writes it right after the release build; a lone run makes it here.
  if (!existsSync(SINGLE_FILE)) {
    execFileSync(fileURLToPath(new URL("../../scripts/single-file", import.meta.url)), { stdio: "inherit" });
  }
});

// A case typed into the form, and the same facts as the CLI reads them.
const CASE_STEPS = [
  ["select", "#field-law_era", "today"],
  ["select", "#field-charge", "trafficking_933"],
  ["fill", "#field-firearms", "20"],
  ["select", "#field-mexico_nexus", "yes"],
];
const DEFAULT_CASE = {
  law_era: "april_2011", charge: "straw_purchase_922a6", firearms: 5, criminal_history: "I", accepts_responsibility: true,
};
const CASE_JSON = {
  law_era: "today", charge: "trafficking_933", firearms: 20, criminal_history: "I",
  mexico_nexus: true, accepts_responsibility: true,
};

async function enterCase(page) {
  for (const [action, selector, value] of CASE_STEPS) {
    if (action === "select") await page.selectOption(selector, value);
    else await page.fill(selector, value);
  }
}

/** Collects CSP violations: the page's securitypolicyviolation events and console reports. */
async function watchCsp(page) {
  const violations = [];
  await page.exposeFunction("reportCspViolation", (v) => violations.push(v));
  await page.addInitScript(() => {
    window.addEventListener(
      "securitypolicyviolation",
      (e) => window.reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`),
      true,
    );
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** The policy's directives, from the page's CSP <meta> (there must be exactly one). */
function parsePolicy(html) {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, "one CSP <meta>");
  const before = html.slice(0, metas[0].index);
  assert.doesNotMatch(before, /<script|<style|<link/i, "the CSP comes before any script or style");
  const policy = metas[0][1];
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/);
  const directives = Object.fromEntries(
    policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
  );
  return { policy, directives };
}

/** Checks a page's policy: the fixed directives, and a hash for each inline block it has. */
function checkPolicy(html, { served: isServed }) {
  const { policy, directives } = parsePolicy(html);
  for (const [name, want] of Object.entries({
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "default-src": [isServed ? "'self'" : "'none'"],
    "connect-src": [isServed ? "'self'" : "'none'"],
  })) {
    assert.deepEqual(directives[name], want, `${name} in ${policy}`);
  }
  assert.ok(directives["script-src"].includes("'wasm-unsafe-eval'"), policy);
  const hash = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => hash(m[1]));
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1]));
  assert.ok(scripts.length >= 1, "the page has its loader inline");
  const hashed = (name) => directives[name].filter((v) => v.startsWith("'sha256-"));
  // Exactly the page's own blocks: a stale hash would be an allowance nobody needs.
  assert.deepEqual(hashed("script-src").sort(), scripts.sort(), "script hashes");
  assert.deepEqual(hashed("style-src").sort(), styles.sort(), "style hashes");
  return policy;
}

/**
 * The policy is enforced: an inline script and a style attribute added by hand are refused
 * and reported (which also shows that the violation watch works).
 */
async function expectInlineRefused(page, violations) {
  const already = violations.length;
  const ran = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.inlineRan = true;";
    document.body.append(script);
    const div = document.createElement("div");
    div.setAttribute("style", "color: red");
    document.body.append(div);
    return window.inlineRan === true;
  });
  assert.equal(ran, false, "an injected inline script ran");
  // Reports arrive a task later.
  for (let i = 0; i < 50 && violations.length < already + 2; i += 1) await page.waitForTimeout(20);
  const fresh = violations.slice(already).join(" | ");
  assert.match(fresh, /script-src/, "the inline script is reported");
  assert.match(fresh, /style-src/, "the style attribute is reported");
}

async function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

const buildOf = async (dir) =>
  JSON.parse((await readFile(join(dir, "sw.js"), "utf8")).match(/\/\* BUILD \*\/ (.*?) \/\* \/BUILD \*\//)[1]);

test("after one visit the app opens from its cache, with a share link, and computes with the server gone", async () => {
  const server = await serveDist();
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  try {
    await page.goto(`${server.origin}/`);
    await waitForApp(page); await showMoreFacts(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    // Every file of this build is precached, in the one cache its sw.js names.
    const build = await buildOf(DIST);
    assert.deepEqual(await cacheNames(page), [build.cache]);
    const distFiles = (await readdir(DIST)).filter((f) => f !== "sw.js").map((f) => `${server.origin}/${f}`);
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url), build.cache);
    assert.deepEqual(cached.sort(), distFiles.sort());

    await enterCase(page);
    // The address follows edits a task later; Copy link writes it at once.
    await page.getByTestId("copy-link").click();
    await page.locator("[data-testid=link-copied], [data-testid=share-link-text]").first().waitFor();
    const link = page.url();
    assert.match(link, /#v1\./);

    await server.close();
    await context.setOffline(true);
    const reloaded = await page.reload();
    assert.ok(reloaded.fromServiceWorker(), "the page came from the service worker");
    await waitForApp(page); await showMoreFacts(page);
    assert.equal(page.url(), link);
    await expectShown(page, cliEvaluate(CASE_JSON), "offline, from the share link");
    // An edit offline still computes.
    await page.selectOption("#field-criminal_history", "III");
    await expectShown(page, cliEvaluate({ ...CASE_JSON, criminal_history: "III" }), "offline, edited");
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
    await server.close().catch(() => {});
  }
});

test("a new build gets a new cache, and the old build's cache is deleted", async () => {
  const dir = await mkdtemp(join(tmpdir(), "threshold-dist-"));
  await cp(DIST, dir, { recursive: true });
  const server = await serveDist(dir);
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  try {
    await page.goto(`${server.origin}/`);
    await waitForApp(page); await showMoreFacts(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    const first = (await buildOf(dir)).cache;
    assert.deepEqual(await cacheNames(page), [first]);

    // Any changed byte is a new build: the hook gives it a new cache name.
    const icon = join(dir, "favicon.svg");
    await writeFile(icon, `${await readFile(icon, "utf8")}<!-- rebuilt -->\n`);
    await postBuild(dir, "release");
    const second = (await buildOf(dir)).cache;
    assert.notEqual(second, first);

    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    let names = [];
    for (let i = 0; i < 100; i += 1) {
      names = await cacheNames(page);
      if (names.length === 1 && names[0] === second) break;
      await page.waitForTimeout(100);
    }
    assert.deepEqual(names, [second], "only the new build's cache is left");
    await page.reload();
    await waitForApp(page); await showMoreFacts(page);
    assert.match(await page.evaluate(async () => (await fetch("favicon.svg")).text()), /rebuilt/);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("the single file computes a case opened from file://, loading nothing, with no worker", async () => {
  const html = await readFile(SINGLE_FILE, "utf8");
  checkPolicy(html, { served: false });
  assert.doesNotMatch(html, /threshold-service-worker|sw\.js/, "no service worker in the single file");

  const { page, context, consoleErrors, requests } = await openRecordedPage(served.browser);
  const violations = await watchCsp(page);
  try {
    await page.goto(pathToFileURL(SINGLE_FILE).href);
    await waitForApp(page); await showMoreFacts(page);
    await expectShown(page, cliEvaluate(DEFAULT_CASE), "file://, default case");
    await enterCase(page);
    await expectShown(page, cliEvaluate(CASE_JSON), "file://, typed case");
    // A page opened from disk may not start a worker: the caseload runs on the page instead,
    // to the same figures.
    await page.getByTestId("caseload-summary").waitFor({ timeout: 60000 });
    assert.equal(await page.evaluate(() => performance.getEntriesByType("resource").some((r) => /worker/.test(r.name))), false);
    // Its links are links to this file.
    await page.getByTestId("copy-link").click();
    await page.locator("[data-testid=link-copied], [data-testid=share-link-text]").first().waitFor();
    assert.match(page.url(), /^file:\/\/.*threshold\.html#v1\./);
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);

    const elsewhere = requests.filter((url) => !/^(file|data):/.test(url));
    assert.deepEqual(elsewhere, [], "requests other than the file itself");
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(violations, [], "CSP violations");
    await expectInlineRefused(page, violations);
  } finally {
    await context.close();
  }
});

test("a whole session asks only its own origin, and its CSP is strict and never violated", async () => {
  const origin = served.server.origin;
  const html = await (await fetch(`${origin}/`)).text();
  const policy = checkPolicy(html, { served: true });

  const { page, context, consoleErrors, requests } = await openRecordedPage(served.browser);
  // The service worker's own fetches are the context's, not the page's.
  const workerRequests = [];
  context.on("request", (request) => workerRequests.push(request.url()));
  const violations = await watchCsp(page);
  try {
    await page.goto(`${origin}/`);
    await waitForApp(page); await showMoreFacts(page);
    assert.equal(
      await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content"),
      policy,
    );
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });

    // The session: edit the case, change the proposal, run a projection, copy the link,
    // save the view and download it as a file.
    await enterCase(page);
    await page.selectOption("#field-scenario", "gtpa_20yr_straw");
    await page.fill("#field-seed", "7");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=caseload-summary] caption")?.textContent.includes("seed 7,"),
      null,
      { timeout: 60000 },
    );
    await page.getByTestId("copy-link").click();
    await page.locator("[data-testid=link-copied], [data-testid=share-link-text]").first().waitFor();
    await page.fill("#saved-name", "Offline session");
    await page.getByTestId("save-view").click();
    await page.getByTestId("saved-name").filter({ hasText: "Offline session" }).waitFor();
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-workspace").click()]);
    assert.match(file.suggestedFilename(), /\.json$/);
    await page.reload();
    await waitForApp(page); await showMoreFacts(page);
    await page.waitForLoadState("networkidle");

    const all = [...new Set([...requests, ...workerRequests])];
    assert.ok(all.some((url) => url.endsWith(".wasm")), `the session's requests were recorded: ${all}`);
    assert.ok(all.some((url) => url.endsWith("/threshold-worker_bg.wasm")), `the caseload worker was loaded: ${all}`);
    const foreign = all.filter((url) => new URL(url).origin !== origin);
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(violations, [], "CSP violations");
    await expectInlineRefused(page, violations);
  } finally {
    await context.close();
  }
});
