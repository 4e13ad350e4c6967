// The single-case workspace in a real browser: the form drives the same engine as the
// `threshold` command, bad input gets words not crashes, and assumptions can be edited and reset.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cliEvaluate, expectShown, months, number } from "./formats.mjs";
import { openRecordedPage, servedBrowser, showMoreFacts, waitForApp } from "./harness.mjs";

const served = servedBrowser();

// Three cases typed into the form, each with the JSON the CLI gets for the same facts.
const CASES = [
  {
    label: "lone straw purchaser, 2011 law (the default case)",
    steps: [],
    json: { law_era: "april_2011", charge: "straw_purchase_922a6", firearms: 5, criminal_history: "I", accepts_responsibility: true },
  },
  {
    label: "933 trafficker today, 20 guns bound for a cartel in Mexico",
    steps: [
      ["select", "#field-law_era", "today"],
      ["select", "#field-charge", "trafficking_933"],
      ["fill", "#field-firearms", "20"],
      ["select", "#field-criminal_history", "II"],
      ["select", "#field-trafficking_recipient", "dangerous"],
      ["select", "#field-mexico_nexus", "yes"],
    ],
    json: {
      law_era: "today", charge: "trafficking_933", firearms: 20, criminal_history: "II",
      trafficking_recipient: "dangerous", mexico_nexus: true, accepts_responsibility: true,
    },
  },
  {
    label: "554 smuggler, Nov. 2011 Manual, 15 rifles, organiser, two counts",
    steps: [
      ["select", "#field-manual", "2011"],
      ["select", "#field-charge", "smuggling_554"],
      ["fill", "#field-firearms", "15"],
      ["fill", "#field-counts", "2"],
      ["select", "#field-role", "organizer_small"],
      ["select", "#field-large_capacity_semiautomatic", "yes"],
    ],
    json: {
      law_era: "april_2011", manual: "2011", charge: "smuggling_554", firearms: 15, counts: 2,
      criminal_history: "I", role: "organizer_small", large_capacity_semiautomatic: true,
      accepts_responsibility: true,
    },
  },
];

for (const { label, steps, json } of CASES) {
  test(`the form shows what threshold evaluate prints: ${label}`, async () => {
    const { page, context, consoleErrors } = await openRecordedPage(served.browser);
    await page.goto(`${served.server.origin}/`);
    await waitForApp(page); await showMoreFacts(page);
    for (const [action, selector, value] of steps) {
      if (action === "select") await page.selectOption(selector, value);
      else await page.fill(selector, value);
    }
    await expectShown(page, cliEvaluate(json), label);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
}

test("dates choose the Manual, a rule not read in primary text says so, and the timeline shows what changed", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page); await showMoreFacts(page);
  // Ten guns the buyer knew would leave the country: level 13 under the 2010 Manual, 17 from
  // Nov. 2011 on. Offense in Feb. 2011, sentencing in 2026: the ex post facto rule keeps 2010.
  await page.fill("#field-firearms", "10");
  await page.selectOption("#field-knew_leaving_us", "yes");
  await page.fill("#field-offense_date", "2011-02-01");
  await page.fill("#field-sentencing_date", "2026-06-01");
  const dated = {
    law_era: "april_2011", charge: "straw_purchase_922a6", firearms: 10, knew_leaving_us: true,
    offense_date: "2011-02-01", sentencing_date: "2026-06-01", criminal_history: "I",
    accepts_responsibility: true,
  };
  const evaluation = cliEvaluate(dated);
  assert.equal(evaluation.offense_level, 13, "the CLI keeps the 2010 Manual too");
  await expectShown(page, evaluation, "dated case");
  // The worksheet's steps are put on the page when its fold first opens.
  await page.locator(".worksheet summary").click();
  const worksheet = await page.getByTestId("worksheet-steps").textContent();
  assert.match(worksheet, /§1B1\.11/);

  // The timeline: the 2011 Manual moved this case, and says which amendment did it.
  const timeline = page.getByTestId("law-timeline");
  await timeline.locator("summary").click();
  await timeline.locator("tbody tr").first().waitFor();
  const rows = await timeline.locator("tbody tr").allTextContents();
  const row2011 = rows.find((r) => r.includes("Nov. 1, 2011"));
  assert.ok(row2011, `a row for Nov. 1, 2011 among ${rows.length}`);
  assert.match(row2011, /amendment 753/);
  assert.match(row2011, /level 13/);
  assert.match(row2011, /level 17/);

  // An offense before the first Manual modelled is refused in words, and the answer stays.
  await page.fill("#field-offense_date", "2009-05-01");
  assert.match(await page.locator("#field-offense_date-error").textContent(), /November 1, 2010/);
  await expectShown(page, evaluation, "dated case after a refused date");

  // An edition whose changes were not read says so under the Manual choice.
  await page.fill("#field-offense_date", "");
  await page.fill("#field-sentencing_date", "");
  await page.selectOption("#field-manual", "2026");
  assert.match(await page.getByTestId("edition-checked").textContent(), /Nov\. 1, 2026/);
  await page.selectOption("#field-manual", "2025");
  assert.equal(await page.getByTestId("edition-checked").count(), 0, "2025 was read in full");
  // A rule read only in a secondary source is labelled in the worksheet: the level §2M5.1
  // gives an export of firearms controlled for national security (50 U.S.C. 4819).
  await page.selectOption("#field-law_era", "today");
  await page.selectOption("#field-charge", "export_control_4819");
  await page.getByTestId("step-checked").first().waitFor();
  const badges = await page.getByTestId("step-checked").allTextContents();
  assert.ok(badges.some((b) => /secondary source only/.test(b)), `badges: ${badges}`);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("choosing a row of the charge comparison makes it the case's charge", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page); await showMoreFacts(page);
  // A joint ATF–ICE case with a proven Mexico nexus opens the export charges.
  await page.selectOption("#field-mexico_nexus", "yes");
  await page.selectOption("#field-ice_joint_investigation", "yes");
  const rows = page.locator("[data-testid=comparison-table] tbody tr");
  assert.ok((await rows.count()) >= 4, "export charges and pairings are offered");
  const chosenBefore = await page.locator("tr.chosen th").textContent();
  const target = rows.filter({ hasText: "554" }).first();
  const statutes = await target.locator("th").textContent();
  assert.notEqual(statutes, chosenBefore);
  await target.click();
  assert.equal(await page.locator("tr.chosen th").textContent(), statutes);
  // The row names the statutes, then their short plain names under them.
  const statutesOnly = await target.locator("th").evaluate((th) => th.firstChild.textContent);
  assert.equal(await page.getByTestId("charge-line").textContent().then((t) => t.startsWith(statutesOnly)), true);
  // The charge box follows when the row is a single charge; a pairing keeps its first count.
  const selected = await page.inputValue("#field-charge");
  assert.ok(["smuggling_554", "straw_purchase_922a6"].includes(selected), selected);
  // Keyboard: the row's button takes Enter.
  const other = rows.filter({ hasNotText: "554" }).first();
  await other.getByRole("button").focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("tr.chosen th").textContent(), await other.locator("th").textContent());
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("garbage typed in every field gets a message in words and no console error", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page); await showMoreFacts(page);
  await page.locator(".comparators > summary").click();
  await page.locator(".mix > summary").click();
  const before = await page.getByTestId("guideline-range").textContent();
  // Every number box (they ask for a numeric keyboard); names are free text.
  const fields = await page.locator("main input[type=text][inputmode]").evaluateAll((inputs) => inputs.map((i) => `#${i.id}`));
  assert.ok(fields.length >= 6 + 9, `expected every number box, found ${fields}`);
  for (const selector of fields) {
    const original = await page.inputValue(selector);
    // Negative numbers are garbage for counts and amounts, not for model weights; thirteen
    // digits are absurd for any count, not for a random seed.
    const negative = selector.startsWith("#field-") ? ["-5"] : [];
    const huge = selector === "#field-seed" ? [] : ["9999999999999"];
    for (const garbage of ["abc", "1e999", "99999999999999999999999", "½", "NaN", "1..2", "<script>alert(1)</script>", ...negative, ...huge]) {
      await page.fill(selector, garbage);
      const row = page.locator(`${selector}[aria-invalid=true]`);
      assert.equal(await row.count(), 1, `${selector} accepted ${garbage}`);
    }
    await page.fill(selector, original);
  }
  assert.equal(await page.locator(".field-error").count(), 0, "valid again, messages gone");
  assert.equal(await page.getByTestId("guideline-range").textContent(), before);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("editing an assumption changes the result, marks it, and reset restores it", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page); await showMoreFacts(page);
  const mean = page.getByTestId("expected-mean");
  const original = await mean.textContent();
  await page.fill("#param-within_range_share", "90");
  assert.notEqual(await mean.textContent(), original, "the mean follows the edited share");
  assert.equal(await page.locator("tr.edited").count(), 1);
  // An edit that cannot fit the others is refused in words, not applied.
  await page.fill("#param-above_range_share", "50");
  assert.equal(await page.locator("#param-above_range_share[aria-invalid=true]").count(), 1);
  await page.getByRole("button", { name: "Reset to defaults" }).click();
  assert.equal(await mean.textContent(), original);
  assert.equal(await page.locator("tr.edited").count(), 0);
  assert.equal(await page.inputValue("#param-within_range_share"), "49.6");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("printing gives the one-page brief, on one A4 and one Letter page", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page); await showMoreFacts(page);
  await page.emulateMedia({ media: "print" });
  const brief = page.getByTestId("brief");
  assert.ok(await brief.isVisible(), "the brief shows in print");
  assert.ok(!(await page.locator(".case-column").isVisible()), "the form does not");
  assert.match(await page.getByTestId("brief-question").textContent(), /what would “.+” change\?/);
  assert.ok((await page.getByTestId("brief-side-by-side").locator("tbody tr").count()) >= 5);
  assert.equal(await brief.locator(".chart svg").count(), 1);
  assert.match(await brief.textContent(), /Printed [A-Z][a-z]+ \d{1,2}, \d{4}/);
  // The stamp: engine, the Manual and statutes applied, the law data's day, the seed.
  assert.match(await page.getByTestId("brief-stamp").textContent(),
    /^Threshold engine \d+\.\d+\.\d+ · Guidelines Manual of November 1, 2010 · statutes in force on April 1, 2011 · law entered as of [A-Z][a-z]+ \d{1,2}, \d{4} · seed 2011$/);
  // The default model's calibration, computed after the first answer, is on the page.
  const checked = page.getByTestId("brief-calibration");
  await checked.waitFor({ state: "attached", timeout: 15000 });
  assert.match(await checked.textContent(), /^Default model: \d+ of \d+ published figures met within tolerance\./);
  // The link in the brief reopens this view.
  const link = await page.getByTestId("brief-link").getAttribute("href");
  assert.match(link, new RegExp(`^${served.server.origin}/#v1\\.`));
  await page.emulateMedia({ media: "screen" });
  assert.ok(!(await brief.isVisible()), "the brief is for paper only");
  // page.pdf() prints with the emulated media: back to none, so it uses print.
  await page.emulateMedia({ media: null });
  // The longest comparison: a joint ATF–ICE case with export charges and pairings.
  await page.selectOption("#field-mexico_nexus", "yes");
  await page.selectOption("#field-ice_joint_investigation", "yes");
  for (const format of ["A4", "Letter"]) {
    const pdf = (await page.pdf({ format, printBackground: true })).toString("latin1");
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.equal(pages.length, 1, `${format}: ${pages.length} pages`);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the page fits every width from a 360 px phone to a projector without sideways scrolling", async () => {
  for (const width of [360, 390, 768, 1280, 1920]) {
    const { page, context, consoleErrors } = await openRecordedPage(served.browser, { width, height: 800 });
    await page.goto(`${served.server.origin}/`);
    await waitForApp(page); await showMoreFacts(page);
    const [scrollWidth, innerWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    assert.ok(scrollWidth <= innerWidth, `${width} px: the page is ${scrollWidth} px wide`);
    // Below the two-column layout the headline figures stay pinned in sight.
    const bar = page.getByTestId("result-bar");
    assert.equal(await bar.isVisible(), width < 960, `${width} px: result bar`);
    if (width < 960) {
      assert.match(await bar.textContent(), new RegExp(await page.getByTestId("guideline-range").textContent()));
    }
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test("facts not given are spread over the referral population; pinning them removes the spread", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page); await showMoreFacts(page);
  const cli = cliEvaluate(CASES[0].json).likely_sentence_months;
  assert.deepEqual(cli.spread.map((f) => f.field), ["trafficking_recipient", "role", "counts"]);
  const figures = await page.getByTestId("likely-figures").textContent();
  assert.ok(figures.startsWith(`Median ${months(cli.median)} (10th to 90th percentile: ${number(cli.p10)} to ${number(cli.p90)} months)`), figures);
  await page.locator(".worksheet summary").click();
  const spread = await page.getByTestId("likely-spread").textContent();
  // The shares are those among the referrals that end in a conviction, as the CLI gives them.
  const shares = (field) =>
    cli.spread.find((f) => f.field === field).shares.map((s) => `${s.value} ${Math.round(100 * s.share)}%`).join(", ");
  assert.ok(spread.includes(`Counts of conviction: ${shares("counts")}`), spread);
  assert.ok(spread.includes(`Role in the offense: ${shares("role")}`), spread);
  assert.match(shares("role"), /^no adjustment 8\d%, organiser 1\d%$/);
  await page.selectOption("#field-role", "none");
  await page.selectOption("#field-trafficking_recipient", "none");
  await page.fill("#field-counts", "1");
  await page.getByTestId("likely-sentence").waitFor({ state: "detached", timeout: 10000 });
  assert.equal(await page.getByTestId("likely-spread").count(), 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
