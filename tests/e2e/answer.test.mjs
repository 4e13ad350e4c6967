// The answer first: the case under April 2011 law and today's law, on the first screen at
// 1280×800 and first on a phone, with the switch to today's best charge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { threshold } from "./formats.mjs";
import { openRecordedPage, servedBrowser, waitForApp } from "./harness.mjs";

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
