// The answer first: the case under April 2011 law and today's law, on the first screen at
// 1280×800 and first on a phone, with the switch to today's best charge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { threshold } from "./formats.mjs";
import { openRecordedPage, servedBrowser, showMoreFacts, waitForApp } from "./harness.mjs";

const served = servedBrowser();

async function open(viewport) {
  const opened = await openRecordedPage(served.browser, viewport);
  await opened.page.goto(`${served.server.origin}/`);
  await waitForApp(opened.page);
  return opened;
}

const figures = async (column) => ({
  charge: await column.getByTestId("answer-charge").textContent(),
  range: await column.getByTestId("answer-range").textContent(),
  likely: await column.getByTestId("answer-likely").textContent(),
  maximum: await column.getByTestId("answer-maximum").textContent(),
  acceptance: await column.getByTestId("answer-acceptance").textContent(),
});

test("the card shows both eras' best charge, range, likely sentence, maximum and chance, and says the difference", async () => {
  const { page, context, consoleErrors } = await open({ width: 1280, height: 800 });
  const card = page.getByTestId("answer-card");
  // On the first screen, beside the form, without scrolling.
  const box = await card.boundingBox();
  const form = await page.locator(".case-column").boundingBox();
  assert.ok(box.y + box.height <= 800, `card ends at ${box.y + box.height}`);
  assert.ok(box.x >= form.x + form.width, "the card is beside the form");
  // 10 rifles bound for Mexico, the defendant knowing it.
  await page.fill("#field-firearms", "10");
  await page.selectOption("#field-mexico_nexus", "yes");
  await page.selectOption("#field-knew_leaving_us", "yes");
  const then = await figures(page.getByTestId("answer-april_2011"));
  await page.waitForFunction(() => /level 17/.test(document.querySelector("[data-testid=answer-today] [data-testid=answer-range]")?.textContent ?? ""));
  const now = await figures(page.getByTestId("answer-today"));
  assert.match(then.charge, /§922\(a\)\(6\)/);
  assert.match(then.range, /^level 13: 12–18 months$/);
  assert.equal(then.maximum, "10 years");
  assert.match(now.range, /^level 17: 24–30 months$/);
  // The same figures as the command line for the case under each era's law.
  const cli = (era, manual) => threshold(["evaluate", "-"], JSON.stringify({
    law_era: era, manual, charge: "straw_purchase_922a6", firearms: 10, criminal_history: "I",
    accepts_responsibility: true, mexico_nexus: true, knew_leaving_us: true,
  }));
  const a = cli("april_2011", "2010");
  assert.equal(then.acceptance, `${(a.acceptance_probability * 100).toFixed(1)}%`);
  assert.equal(then.likely, `${Math.round(a.expected_sentence_months.median)} months`);
  const summary = await page.getByTestId("answer-summary").textContent();
  assert.match(summary, /^Today this case draws about (twice|[\d.]+ times) the prison time and is [\d.]+× likelier to be taken\.$/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("on today's law the card offers today's best charge with its plain name and maximum, and one click uses it", async () => {
  const { page, context, consoleErrors } = await open();
  await page.selectOption("#field-law_era", "today");
  await page.selectOption("#field-trafficking_recipient", "dangerous");
  const offer = page.getByTestId("answer-switch");
  await offer.waitFor();
  assert.match(await offer.textContent(), /§932, straw purchasing for a felony \(2022\) \(up to 25 years\)/);
  await offer.getByRole("button", { name: /^Use §932/ }).click();
  // The charge's own field sits under "More facts", built when the fold opens.
  await showMoreFacts(page);
  assert.equal(await page.inputValue("#field-charge"), "straw_purchase_932_felony");
  assert.equal(await offer.count(), 0, "the offer goes once it is taken");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("on a phone the card comes first, then the form; in Spanish it speaks Spanish", async () => {
  const { page, context, consoleErrors } = await open({ width: 390, height: 844 });
  const card = await page.getByTestId("answer-card").boundingBox();
  const form = await page.locator(".case-column").boundingBox();
  assert.ok(card.y + card.height <= form.y, "the card is above the form");
  assert.ok(card.height < 844, `the card fits a phone screen (${card.height} px)`);
  await page.locator('[data-testid=language-switch] [data-lang="es"]').click();
  await page.waitForFunction(() => document.documentElement.lang.startsWith("es"));
  assert.match(await page.getByTestId("answer-card").textContent(), /La ley de abril de 2011/);
  assert.match(await page.getByTestId("answer-summary").textContent(), /^Hoy este caso conlleva /);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a quick start: the deciding facts first, the rest folded, examples in one click, a skip link to the results", async () => {
  const { page, context, consoleErrors } = await open({ width: 1280, height: 800 });
  const fold = page.getByTestId("more-facts");
  assert.equal(await fold.evaluate((d) => d.open), false, "More facts starts folded");
  for (const id of ["law_era", "firearms", "mexico_nexus", "knew_leaving_us", "trafficking_recipient", "role", "criminal_history"]) {
    assert.ok(await page.locator(`#field-${id}`).isVisible(), `${id} is in the quick start`);
  }
  assert.equal(await page.locator("#field-charge").isVisible(), false, "the charge folds under More facts");
  // The Mexico question sits beside the guns, not screens below.
  const guns = await page.locator("#field-firearms").boundingBox();
  const mexico = await page.locator("#field-mexico_nexus").boundingBox();
  assert.ok(mexico.y - guns.y < 300, `Mexico is ${mexico.y - guns.y} px below the guns`);
  // An example in one click; the user's own case comes back.
  await page.fill("#field-firearms", "7");
  await page.getByTestId("example-rifles_to_mexico_10").click();
  assert.equal(await page.inputValue("#field-firearms"), "10");
  assert.equal(await page.inputValue("#field-mexico_nexus"), "yes");
  await page.waitForFunction(() => /level 17/.test(document.querySelector("[data-testid=answer-today] [data-testid=answer-range]")?.textContent ?? ""));
  for (const id of ["straw_buyer_5", "cartel_broker", "lie_and_try"]) {
    await page.getByTestId(`example-${id}`).click();
    await page.getByTestId("answer-card").waitFor();
  }
  await page.getByTestId("example-restore").click();
  assert.equal(await page.inputValue("#field-firearms"), "7", "the user's own case is back");
  // Skip to results: the second Tab stop of a fresh page, and it lands on the results.
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to results");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash === "#results-title");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the charge comparison and the side-by-side fit at 1280 px and become cards at 390 px", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { page, context, consoleErrors } = await open(viewport);
    await page.selectOption("#field-law_era", "today");
    await page.selectOption("#field-trafficking_recipient", "dangerous");
    await page.selectOption("#field-scenario", "today_bsca_819");
    for (const id of ["comparison-table", "side-by-side"]) {
      const table = page.getByTestId(id);
      await table.waitFor();
      const { scroll, client } = await table.evaluate((t) => {
        const box = t.closest(".table-scroll");
        return { scroll: box.scrollWidth, client: box.clientWidth };
      });
      assert.ok(scroll <= client + 1, `${id} at ${viewport.width} px: ${scroll} wide in ${client}`);
    }
    const rows = page.getByTestId("comparison-table").locator("tbody tr");
    assert.ok((await rows.count()) >= 3);
    for (const cell of [rows.first().locator("td.rank"), rows.first().locator("td.choose button"), rows.last().locator("td.choose button")]) {
      await cell.scrollIntoViewIfNeeded();
      const box = await cell.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, `${viewport.width} px: a rank or Choose cell is in view`);
    }
    if (viewport.width === 390) {
      assert.equal(await rows.first().evaluate((r) => getComputedStyle(r).display), "block", "rows are cards on a phone");
    }
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});
