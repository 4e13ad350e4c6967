// Presentation mode: the user's own case and proposal one finding per screen, with the
// workspace's own figures (the answer card, the side-by-side, the caseload panel's run); the
// paper's story as a second deck; stepped with the keyboard; Escape returns to the
// workspace with focus on the button.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openRecordedPage, servedBrowser, waitForApp } from "./harness.mjs";
import { threshold } from "./formats.mjs";

const served = servedBrowser();

/** The seed paper's typical referral: the default case, as the story uses it. */
const storyCase = {
  law_era: "april_2011",
  charge: "straw_purchase_922a6",
  firearms: 5,
  criminal_history: "I",
  accepts_responsibility: true,
};

/** The slide's table as rows of cell texts, header row first. */
async function slideTable(page) {
  return page.locator(".slide-table tr").evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
}

/** Steps to the slide `id` of the deck on screen. */
async function goTo(page, id) {
  await page.keyboard.press("Home");
  for (let i = 0; i < 6 && (await page.getByTestId("slide").getAttribute("data-slide")) !== id; i++) {
    await page.keyboard.press("ArrowRight");
  }
  assert.equal(await page.getByTestId("slide").getAttribute("data-slide"), id);
}

test("Present shows the case and proposal on screen, with the workspace's own figures", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser, { width: 1280, height: 720 });
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  await page.getByTestId("example-rifles_to_mexico_10").click();
  await page.waitForFunction(() => /level 17/.test(document.querySelector("[data-testid=answer-today] [data-testid=answer-range]")?.textContent ?? ""));
  // The caseload panel's run, finished, to compare with the slide.
  await page.getByTestId("caseload-summary").waitFor({ timeout: 60000 });
  const panelDifference = (await page.getByTestId("difference-prison-years").textContent()).trim();
  const card = {};
  for (const era of ["april_2011", "today"]) {
    for (const what of ["charge", "range", "likely", "maximum", "acceptance"]) {
      card[`${era}-${what}`] = (await page.locator(`[data-testid=answer-${era}] [data-testid=answer-${what}]`).innerText()).trim();
    }
  }
  const summary = (await page.getByTestId("answer-summary").textContent()).trim();
  const sideBySide = await page.getByTestId("side-by-side").locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => ({ label: r.cells[0].textContent.trim(), before: r.cells[1].textContent.trim() })));

  await page.getByTestId("present").click();
  assert.equal(await page.locator(".presentation").getAttribute("data-deck"), "case");
  assert.equal(await page.getByTestId("deck-case").getAttribute("aria-pressed"), "true");
  const slide = page.getByTestId("slide");
  const order = [];
  for (let i = 0; i < 5; i++) {
    if (i > 0) await page.keyboard.press("ArrowRight");
    order.push(await slide.getAttribute("data-slide"));
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    assert.ok(overflow <= 0, `${order.at(-1)} overflows by ${overflow} px`);
  }
  assert.deepEqual(order, ["answer", "proposal", "caseload", "rests-on", "rests-on"]);

  // The answer: the answer card's figures, in its words.
  await goTo(page, "answer");
  const likely = (era) => card[`${era}-likely`].match(/^\d+/)[0];
  assert.equal(await page.getByTestId("slide-figure").textContent(), `${likely("april_2011")} → ${likely("today")} months`);
  assert.equal((await slide.locator(".slide-caption").textContent()).trim(), summary);
  const answer = await slideTable(page);
  assert.deepEqual(answer[0].slice(1, 3), ["April 2011 law", "Today's law"]);
  assert.equal(answer[2][1], card["april_2011-range"]);
  assert.equal(answer[2][2], card["today-range"]);
  assert.equal(answer[4][2], card["today-maximum"]);
  assert.equal(answer[5][1], card["april_2011-acceptance"]);
  assert.equal(answer[5][2], card["today-acceptance"]);
  assert.match(answer[5][3], /^\+\d+\.\d points \(/);

  // The proposal: the side-by-side's rows, a chart of each world, the proposal's short name.
  await goTo(page, "proposal");
  const proposal = await slideTable(page);
  assert.deepEqual(proposal[0].slice(1), ["Status quo", "H.R. 2554 (2011)", "Difference"]);
  for (const row of proposal.slice(1)) {
    const same = sideBySide.find((r) => r.label === row[0]);
    assert.ok(same, `${row[0]} is a side-by-side row`);
    assert.equal(row[1], same.before);
  }
  assert.equal(await slide.locator(".stacked-bar").count(), 2);
  assert.match(await slide.locator(".stacked-bar figcaption").first().textContent(), /^Status quo: /);

  // The caseload: the panel's own run (same seed, same draws), with its histogram.
  await goTo(page, "caseload");
  const caseload = await slideTable(page);
  const prisonYears = caseload.find((r) => r[0] === "prison-years");
  assert.equal(prisonYears[3].match(/^\+?(-?[\d.,]+)/)[1], panelDifference.match(/^(-?[\d.,]+)/)[1]);
  assert.equal(await slide.locator(".paired-histogram").count(), 1);
  assert.match(await slide.textContent(), /1,000 seeded draws \(seed 2011\)/);

  await goTo(page, "rests-on");
  assert.match(await slide.textContent(), /Assumed where the form leaves a fact open: /);
  assert.match(await slide.textContent(), /Every model assumption at its default\./);

  // The paper's story is the second deck, a click away, and back.
  await page.getByTestId("deck-story").click();
  assert.equal(await page.locator(".presentation").getAttribute("data-deck"), "story");
  assert.equal(await slide.getAttribute("data-slide"), "declined");
  await page.getByTestId("deck-case").click();
  assert.equal(await slide.getAttribute("data-slide"), "answer");
  await page.keyboard.press("Escape");
  await page.locator(".workspace").waitFor();
  assert.equal(await page.inputValue("#field-firearms"), "10", "presenting leaves the case as it was");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the paper's story steps forward and back with the keyboard and leaves with Escape", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser, { width: 1280, height: 720 });
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  const acceptance = (await page.getByTestId("acceptance-probability").textContent()).trim();
  await page.getByTestId("present").click();
  await page.getByTestId("deck-story").click();
  const slide = page.getByTestId("slide");
  const current = () => slide.getAttribute("data-slide");
  assert.equal(await current(), "declined");
  assert.equal(await page.getByTestId("slide-figure").textContent(), acceptance);
  // The slide has focus, so a screen reader starts at its title.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "slide");

  await page.keyboard.press("ArrowRight");
  assert.equal(await current(), "threshold");
  const withGun = threshold(["find-threshold", "-"], JSON.stringify({ ...storyCase, crime_gun_recovered: true }));
  assert.equal(await page.getByTestId("slide-figure").textContent(), String(withGun.firearms));

  const order = [];
  for (let i = 0; i < 4; i++) {
    order.push(await current());
    await page.keyboard.press("ArrowRight");
  }
  order.push(await current());
  assert.deepEqual(order, ["threshold", "statute", "caseload", "rests-on", "rests-on"]);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await current(), "caseload");
  await page.keyboard.press("Home");
  assert.equal(await current(), "declined");
  await page.keyboard.press("End");
  assert.equal(await current(), "rests-on");
  // Every slide fits a 1280×720 projector without scrolling.
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press(i === 0 ? "Home" : "ArrowRight");
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    assert.ok(overflow <= 0, `${await current()} overflows by ${overflow} px`);
  }

  await page.keyboard.press("Escape");
  await page.locator(".workspace").waitFor();
  assert.equal(await page.getByTestId("slide").count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "present-button");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the buttons step too, and the story follows edited assumptions", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser, { width: 1024, height: 768 });
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  await page.getByTestId("present").click();
  await page.getByTestId("deck-story").click();
  const before = await page.getByTestId("slide-figure").textContent();
  await page.getByTestId("slide-next").click();
  assert.equal(await page.getByTestId("slide").getAttribute("data-slide"), "threshold");
  await page.getByTestId("slide-previous").click();
  assert.equal(await page.getByTestId("slide").getAttribute("data-slide"), "declined");
  assert.ok(await page.getByTestId("slide-previous").isDisabled());
  await page.getByTestId("slide-exit").click();
  await page.fill("#param-sentence_weight", "3");
  await page.getByTestId("present").click();
  // The deck chosen last comes back.
  assert.equal(await page.locator(".presentation").getAttribute("data-deck"), "story");
  assert.notEqual(await page.getByTestId("slide-figure").textContent(), before);
  assert.match(await page.getByTestId("slide").textContent(), /assumptions you edited/);
  await page.getByTestId("deck-case").click();
  await goTo(page, "rests-on");
  assert.match(await page.getByTestId("slide").textContent(), /Model assumptions changed by the user: Sentence weight\./);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
