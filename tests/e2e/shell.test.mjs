// The release build loads, computes with the engine in WebAssembly, logs no error and
// talks to nobody but its own origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openRecordedPage, servedBrowser, waitForApp } from "./harness.mjs";

const served = servedBrowser();

test("the shell renders with an engine-computed value, no console error, same-origin only", async () => {
  const { page, context, consoleErrors, requests } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);

  // USSG §5A: offense level 12, criminal history category I → 10–16 months.
  const range = page.getByTestId("guideline-range");
  await range.waitFor();
  assert.equal(await range.textContent(), "10–16 months");
  assert.ok(await page.locator("header.site-header h1").isVisible(), "header title visible");
  assert.equal(await page.locator("footer summary").textContent(), "About / sources");

  // Let late requests (favicon, preloads) settle before judging them.
  await page.waitForLoadState("networkidle");
  assert.deepEqual(consoleErrors, [], "console errors");
  assert.ok(requests.length >= 3, `expected the page, its script and its wasm; saw ${requests}`);
  const foreign = requests.filter((url) => new URL(url).origin !== served.server.origin);
  assert.deepEqual(foreign, [], "requests to other origins");
  await context.close();
});

test("the page has a title and a language for assistive technology", async () => {
  const { page, context } = await openRecordedPage(served.browser, { width: 390, height: 844 });
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  assert.match(await page.title(), /Threshold/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await context.close();
});

test("the loading shell repeats the app's header word for word, and is gone once the app mounts", async () => {
  const html = await (await fetch(`${served.server.origin}/`)).text();
  const inShell = (name) => html.match(new RegExp(`class="${name}"[^>]*>([^<]*)<`))?.[1];
  assert.ok(inShell("loading-note"), "index.html has a loading shell");

  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  assert.equal(await page.locator(".site-title").textContent(), inShell("site-title"));
  assert.equal(await page.locator(".site-tagline").textContent(), inShell("site-tagline"));
  // Replaced, not kept beside the app: one header, one main, no loading note.
  assert.equal(await page.locator(".site-title").count(), 1);
  assert.equal(await page.locator("main").count(), 1);
  assert.equal(await page.locator(".loading-note").count(), 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();

  // Without JavaScript: the title and the note saying why nothing else comes.
  const plain = await served.browser.newContext({ javaScriptEnabled: false });
  const still = await plain.newPage();
  await still.goto(`${served.server.origin}/`);
  assert.equal(await still.locator("h1").textContent(), "Threshold");
  assert.match(await still.locator("noscript").textContent(), /enable JavaScript/);
  await plain.close();
});
