// Share links in a real browser: an edited view copied as a link opens, in a new browser
// context, with the same numbers; a tampered link gives a plain message and the default view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openRecordedPage, servedBrowser, waitForApp } from "./harness.mjs";

const served = servedBrowser();

/** Everything the view shows that the link must reproduce, once the caseload run is done. */
async function shownFigures(page, seed) {
  const summary = page.getByTestId("caseload-summary");
  await page.waitForFunction(
    (want) => document.querySelector("[data-testid=caseload-summary] caption")?.textContent.includes(want),
    `seed ${seed}, `,
    { timeout: 60000 },
  );
  const text = async (id) => (await page.getByTestId(id).textContent()).trim();
  return {
    level: await text("offense-level"),
    range: await text("guideline-range"),
    mean: await text("expected-mean"),
    acceptance: await text("acceptance-probability"),
    sideBySide: await text("side-by-side"),
    caseload: (await summary.textContent()).trim(),
    scenario: await page.inputValue("#field-scenario"),
    firearms: await page.inputValue("#field-firearms"),
    share: await page.inputValue("#param-within_range_share"),
  };
}

test("a copied link opens the same view, with the same numbers, in a new browser context", async () => {
  const first = await openRecordedPage(served.browser);
  const { page } = first;
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  // The case, an assumption, the proposal and the seed: one edit in every part of the link.
  await page.fill("#field-firearms", "25");
  await page.selectOption("#field-mexico_nexus", "yes");
  await page.fill("#param-within_range_share", "87.3");
  await page.selectOption("#field-scenario", "gtpa_20yr_straw");
  await page.fill("#field-seed", "7");
  const shown = await shownFigures(page, 7);
  assert.equal(shown.firearms, "25");

  await page.getByTestId("copy-link").click();
  // Headless Chromium here allows the clipboard; the refusal has its own test below.
  await page.locator("[data-testid=link-copied], [data-testid=share-link-text]").first().waitFor();
  const link = page.url();
  assert.match(link, /#v1\.[A-Za-z0-9_-]+$/);
  if (await page.getByTestId("share-link-text").count()) {
    assert.equal(await page.inputValue("[data-testid=share-link-text]"), link);
  }
  assert.ok(link.length < 400, `a typical link is short: ${link.length} characters`);

  const second = await openRecordedPage(served.browser);
  await second.page.goto(link);
  await waitForApp(second.page);
  assert.deepEqual(await shownFigures(second.page, 7), shown);
  assert.equal(await second.page.getByTestId("link-error").count(), 0);
  // Reloading keeps the view: the address holds it.
  await second.page.reload();
  await waitForApp(second.page);
  assert.deepEqual(await shownFigures(second.page, 7), shown);

  // Imported cases stay on this device: the page says so beside the button.
  assert.equal(await page.getByTestId("share-imported-note").count(), 0);
  const csv = "law_era,charge,firearms\napril_2011,straw_purchase_922a6,3\n";
  await page.setInputFiles("#field-cases-csv", { name: "mine.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("share-imported-note").waitFor();
  assert.equal(page.url(), link, "the import does not change the link");

  assert.deepEqual(first.consoleErrors, []);
  assert.deepEqual(second.consoleErrors, []);
  await first.context.close();
  await second.context.close();
});

test("a tampered link shows a plain message and the default view, without a console error", async () => {
  const fresh = await openRecordedPage(served.browser);
  await fresh.page.goto(`${served.server.origin}/`);
  await waitForApp(fresh.page);
  const defaults = await shownFigures(fresh.page, 2011);
  await fresh.context.close();

  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  // {"d":0}: well-formed, but zero draws is not a view; then a damaged payload.
  for (const link of ["#v1.eyJkIjowfQ", "#v1.eyJjIjp7Im*xhd19lcmEi"]) {
    await page.goto(`${served.server.origin}/${link}`);
    await waitForApp(page);
    const alert = page.getByTestId("link-error");
    await alert.waitFor();
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.match(await alert.textContent(), /could not be opened.*default view/);
    assert.deepEqual(await shownFigures(page, 2011), defaults);
    await alert.getByRole("button", { name: "Dismiss" }).click();
    assert.equal(await page.getByTestId("link-error").count(), 0);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("when the browser refuses the clipboard, the link is shown to copy by hand", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
  });
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  await page.fill("#field-firearms", "12");
  await page.getByTestId("copy-link").click();
  const box = page.getByTestId("share-link-text");
  await box.waitFor();
  assert.equal(await box.inputValue(), page.url());
  assert.match(page.url(), /#v1\./);
  assert.equal(await page.getByTestId("link-copied").count(), 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
