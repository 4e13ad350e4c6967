// What a person types, and what the page says back: percent boxes ask about fractions, a
// refused entry says why by the field's label and in percent, a damaged file names the field
// in words, a record that rarely holds is questioned, and counts read "1 change".
import { test } from "node:test";
import assert from "node:assert/strict";
import { openRecordedPage, servedBrowser, showMoreFacts, waitForApp } from "./harness.mjs";

const served = servedBrowser();

// A data-file name (within_range_share) or a type name (u32) a reader should never see.
const CODE_WORDS = /\b[a-z]+_[a-z_]+\b|`|\bu(8|16|32|64)\b|\bf64\b/;

async function openApp(lang = "en") {
  const opened = await openRecordedPage(served.browser);
  await opened.page.goto(`${served.server.origin}/`);
  await waitForApp(opened.page); await showMoreFacts(opened.page);
  if (lang === "es") {
    await opened.page.locator('[data-lang="es"]').click();
    await opened.page.waitForFunction(() => document.documentElement.lang === "es-MX");
  }
  return opened;
}

const text = async (locator) => (await locator.textContent()).replace(/\s+/g, " ").trim();

test("0.5 typed as evidence strength asks “did you mean 50%?”, and the button makes it 50%", async () => {
  const { page, context, consoleErrors } = await openApp();
  const acceptance = page.getByTestId("acceptance-probability");
  await page.fill("#field-evidence_strength", "50");
  const atFifty = await text(acceptance);
  await page.fill("#field-evidence_strength", "");
  assert.equal(await page.getByTestId("did-you-mean").count(), 0, "nothing asked of an empty box");

  await page.fill("#field-evidence_strength", "0.5");
  const hint = page.getByTestId("did-you-mean");
  assert.match(await text(hint), /Did you mean 50%\?/);
  // Taken as typed until the user says otherwise: 0.5% is not 50%.
  assert.notEqual(await text(acceptance), atFifty, "0.5 is used as 0.5%");
  await hint.getByRole("button", { name: "Use 50%" }).click();
  assert.equal(await page.inputValue("#field-evidence_strength"), "50");
  assert.equal(await page.getByTestId("did-you-mean").count(), 0, "asked once, then gone");
  assert.equal(await text(acceptance), atFifty);

  // A percent box among the assumptions asks the same, and its evidence strength is in %.
  assert.equal(await page.inputValue("#param-assumed_evidence_strength"), "50");
  await page.fill("#param-within_range_share", "0.6");
  const row = page.locator("tr", { has: page.locator("#param-within_range_share") });
  assert.match(await text(row.getByTestId("did-you-mean")), /Did you mean 60%\?/);
  await row.getByRole("button", { name: "Use 60%" }).click();
  assert.equal(await page.inputValue("#param-within_range_share"), "60");

  // "Why this probability?" gives the evidence input in percent too.
  await page.locator(".terms > summary").click();
  const evidenceRow = page.locator(".terms tbody tr", { hasText: "Strength of the evidence" });
  assert.match(await text(evidenceRow.locator("td").nth(1)), /^50%$/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the prompt reads in Spanish too", async () => {
  const { page, context, consoleErrors } = await openApp("es");
  await page.fill("#field-evidence_strength", "0.5");
  const hint = page.getByTestId("did-you-mean");
  assert.match(await text(hint), /¿Quiso decir 50%\?/);
  await hint.getByRole("button", { name: "Usar 50%" }).click();
  assert.equal(await page.inputValue("#field-evidence_strength"), "50");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a refused entry says why by its label and in percent, and the results say they keep the last valid value", async () => {
  const { page, context, consoleErrors } = await openApp();
  const note = page.getByTestId("refused-note");
  assert.equal(await note.isVisible(), false, "no note while every entry is used");

  await page.fill("#param-within_range_share", "150");
  const row = page.locator("tr", { has: page.locator("#param-within_range_share") });
  const refusal = await text(row.locator(".field-error"));
  assert.equal(refusal, "“Sentences within the guideline range” must be from 0% to 100%, not 150%.");
  assert.doesNotMatch(refusal, CODE_WORDS);
  assert.equal(await note.isVisible(), true, "the results say an entry was refused");
  assert.match(await text(note), /last valid value/);
  await page.fill("#param-within_range_share", "49.6");
  assert.equal(await note.isVisible(), false);

  await page.fill("#param-sentence_weight", "-50");
  const weight = page.locator("tr", { has: page.locator("#param-sentence_weight") });
  const negative = await text(weight.locator(".field-error"));
  assert.match(negative, /must be 0 or more, not -50/);
  assert.doesNotMatch(negative, CODE_WORDS);

  await page.locator(".comparators > summary").click();
  await page.fill("#field-seed", "-1");
  const seed = await text(page.locator(".field", { has: page.locator("#field-seed") }).locator(".field-error"));
  assert.equal(seed, "Random seed must be a whole number, 0 or more.");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the same refusal in Spanish is in percent and names the field", async () => {
  const { page, context, consoleErrors } = await openApp("es");
  await page.fill("#param-within_range_share", "150");
  const row = page.locator("tr", { has: page.locator("#param-within_range_share") });
  const refusal = await text(row.locator(".field-error"));
  assert.equal(refusal, "“Penas dentro del rango de las Directrices” debe ir de 0% a 100%, no 150%.");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a damaged workspace file names the field in words, in both languages", async () => {
  const bad = JSON.stringify(
    { threshold: "workspace", version: 1, case: { law_era: "today", charge: "trafficking_933", firearms: "many" } },
    null,
    2,
  );
  for (const [lang, expected] of [
    ["en", /Number of firearms: should be a whole number of 0 or more, not the text "many" \(line 7, column 22\)\.$/],
    ["es", /Número de armas de fuego: debería ser un número entero de 0 o más, no el texto "many" \(línea 7, columna 22\)\.$/],
  ]) {
    const { page, context, consoleErrors } = await openApp(lang);
    await page.setInputFiles("#open-file", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from(bad) });
    const error = page.getByTestId("saved-error");
    await error.waitFor();
    const message = await text(error);
    assert.match(message, expected);
    assert.doesNotMatch(message, CODE_WORDS);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test("prior felonies with criminal history category I are questioned, not refused", async () => {
  const { page, context, consoleErrors } = await openApp();
  const warning = page.getByTestId("record-warning");
  const range = page.getByTestId("guideline-range");
  await page.selectOption("#field-criminal_history", "I");
  assert.equal(await warning.count(), 0);
  await page.fill("#field-prior_violent_or_drug_felonies", "2");
  assert.match(await text(warning), /^2 prior felonies for violence or drug trafficking usually put criminal history well above category I/);
  assert.match(await text(warning), /Check the record/);
  assert.equal(await page.locator("#field-prior_violent_or_drug_felonies[aria-invalid=true]").count(), 0, "accepted");
  await page.fill("#field-prior_violent_or_drug_felonies", "1");
  assert.match(await text(warning), /^A prior felony for violence or drug trafficking usually puts/);
  const atI = await text(range);
  await page.selectOption("#field-criminal_history", "III");
  assert.equal(await warning.count(), 0, "category III can hold a prior felony");
  assert.notEqual(await text(range), atI, "the category is used as entered");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("counts read “1 change” and “2 changes”, in both languages", async () => {
  const { page, context, consoleErrors } = await openApp();
  const summary = page.locator(".scenario-changes > summary");
  await page.selectOption("#field-scenario", "amendment_753");
  assert.equal(await text(summary), "Its 1 change");
  await page.selectOption("#field-scenario", "hr_2554_2011");
  assert.equal(await text(summary), "Its 2 changes");
  await page.locator('[data-lang="es"]').click();
  await page.waitForFunction(() => document.documentElement.lang === "es-MX");
  assert.equal(await text(summary), "Introduce 2 cambios");
  await page.selectOption("#field-scenario", "amendment_753");
  assert.equal(await text(summary), "Introduce 1 cambio");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
