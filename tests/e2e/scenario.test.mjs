// Policy what-ifs in a real browser: presets and the case side by side, the caseload
// projection (the same figures as `threshold project` for the same seed), CSV import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cell, threshold, thresholdText } from "./formats.mjs";
import { openRecordedPage, servedBrowser, waitForApp } from "./harness.mjs";

const served = servedBrowser();

const cliProject = (args) => threshold(["project", ...args, "--format", "json"]);

async function openWorkspace(viewport) {
  const opened = await openRecordedPage(served.browser, viewport);
  await opened.page.goto(`${served.server.origin}/`);
  await waitForApp(opened.page);
  return opened;
}

test("a preset shows the case side by side, with the changed outputs and their causes", async () => {
  const { page, context, consoleErrors } = await openWorkspace();
  // A Mexico-bound straw purchaser who knew it: amendment 753's export increase applies.
  await page.selectOption("#field-mexico_nexus", "yes");
  await page.selectOption("#field-knew_leaving_us", "yes");
  await page.selectOption("#field-scenario", "amendment_753");
  const table = page.getByTestId("side-by-side");
  const changed = table.locator("tr.changed");
  assert.ok((await changed.count()) >= 1, "amendment 753 moves something for this case");
  const range = table.locator("tr", { hasText: "guideline range" });
  assert.match(await range.getAttribute("class"), /changed/);
  assert.match(await range.locator("td").last().textContent(), /amendment 753/);
  // Every preset loads and says what it is.
  const presets = await page.locator("#field-scenario option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(presets.length >= 6, presets.join());
  const descriptions = new Set();
  for (const id of presets) {
    await page.selectOption("#field-scenario", id);
    descriptions.add(await page.getByTestId("scenario-description").textContent());
    assert.equal(await table.count(), 1, `${id}: side by side shown`);
  }
  assert.equal(descriptions.size, presets.length, "each preset has its own description");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a copied preset can be edited; a broken edit is refused naming the change and the field in words", async () => {
  const { page, context, consoleErrors } = await openWorkspace();
  await page.selectOption("#field-scenario", "gtpa_20yr_straw");
  await page.getByRole("button", { name: "Copy and edit this proposal" }).click();
  const json = JSON.parse(await page.inputValue("#scenario-json"));
  json.changes[0].rule.max_months = "forty years";
  await page.fill("#scenario-json", JSON.stringify(json, null, 2));
  await page.getByRole("button", { name: "Apply the edited proposal" }).click();
  // Where it is wrong, in words: the change by its number, the field by its name.
  const refused = await page.getByTestId("scenario-error").textContent();
  assert.match(refused, /^change 1, rule: should be a whole number .*"forty years"/);
  assert.doesNotMatch(refused, /changes\[|_|`/);
  json.changes[0].rule.max_months = 480;
  json.name = "Forty-year straw-purchase maximum";
  await page.fill("#scenario-json", JSON.stringify(json, null, 2));
  await page.getByRole("button", { name: "Apply the edited proposal" }).click();
  assert.match(await page.locator("#field-scenario option:checked").textContent(), /Forty-year/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the caseload projection shows intervals, histograms and flips equal to threshold project", async () => {
  const { page, context, consoleErrors } = await openWorkspace();
  const summary = page.getByTestId("caseload-summary");
  await summary.waitFor({ timeout: 60000 });
  const cli = cliProject(["--scenario", "hr_2554_2011", "--draws", "1000", "--seed", "2011"]);
  const row = (name) => summary.locator("tr", { hasText: name }).first().locator("td");
  assert.equal(await summary.getAttribute("data-uncertainty"), "full");
  assert.equal(await row("Accepted referrals").nth(0).textContent(), cell(cli.full.baseline.accepted, cli.baseline.accepted));
  assert.equal(await row("Accepted referrals").nth(1).textContent(), cell(cli.full.scenario.accepted, cli.scenario.accepted));
  const difference = (p) => cell(p.full.difference_prison_years, p.difference_prison_years);
  assert.equal(await page.getByTestId("difference-prison-years").textContent(), difference(cli));
  assert.match(await page.getByTestId("flips").textContent(), new RegExp(`^Flips: ${cli.flips.declined_to_accepted} of the ${cli.flips.declined_in_baseline} `));
  assert.equal(await summary.locator(".paired-histogram svg").count(), 2);
  // A new seed gives new draws.
  await page.fill("#field-seed", "7");
  await page.waitForFunction(
    (before) => document.querySelector("[data-testid=difference-prison-years]")?.textContent !== before,
    difference(cli),
    { timeout: 60000 },
  );
  const seven = cliProject(["--scenario", "hr_2554_2011", "--draws", "1000", "--seed", "7"]);
  await page.waitForFunction(
    (want) => document.querySelector("[data-testid=difference-prison-years]")?.textContent === want,
    difference(seven),
    { timeout: 60000 },
  );
  // The tornado follows the projection.
  await page.getByTestId("tornado-table").waitFor({ state: "attached", timeout: 120000 });
  assert.ok((await page.getByTestId("tornado-table").locator("tbody tr").count()) >= 5);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("cases import from CSV; a malformed file gets a message naming the line", async () => {
  const { page, context, consoleErrors } = await openWorkspace();
  const header = "law_era,charge,firearms,criminal_history,crime_gun_recovered";
  const good = [header, "april_2011,straw_purchase_922a6,3,I,false", "april_2011,straw_purchase_922a6,25,II,true", "april_2011,unlicensed_dealing_922a1a,12,I,true"].join("\n");
  await page.setInputFiles("#field-cases-csv", { name: "three.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByTestId("imported-cases").waitFor();
  assert.match(await page.getByTestId("imported-cases").textContent(), /Using 3 cases from three\.csv/);
  await page.getByTestId("caseload-summary").waitFor({ timeout: 60000 });
  assert.match(await page.getByTestId("caseload-summary").locator("caption").textContent(), /^3 referrals/);

  const bad = [header, "april_2011,straw_purchase_922a6,3,I,false", "april_2011,straw_purchase_922a6,lots,I,true"].join("\n");
  await page.setInputFiles("#field-cases-csv", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByTestId("import-error").waitFor();
  const message = await page.getByTestId("import-error").textContent();
  assert.match(message, /line 3/);
  assert.match(message, /firearms/);
  // The good import stays in use.
  assert.match(await page.getByTestId("imported-cases").textContent(), /three\.csv/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a 10,000-referral projection runs in slices with progress, and input is answered meanwhile", async () => {
  const { page, context, consoleErrors } = await openWorkspace();
  await page.getByTestId("caseload-summary").waitFor({ timeout: 60000 });
  // Many draws (each over chance and over chance and assumptions) make the run long
  // enough to type during it.
  await page.fill("#field-draws", "20000");
  await page.locator(".mix > summary").click();
  await page.fill("#param-mix-referrals", "10000");
  const progress = page.getByTestId("caseload-progress");
  await progress.waitFor();
  const level = page.getByTestId("offense-level");
  const before = await level.textContent();
  await page.fill("#field-firearms", "30");
  await page.waitForFunction((b) => document.querySelector("[data-testid=offense-level]").textContent !== b, before);
  assert.ok(await progress.isVisible(), "the case was recomputed while the projection was still running");
  await page.getByTestId("caseload-summary").waitFor({ timeout: 180000 });
  assert.match(await page.getByTestId("caseload-summary").locator("caption").textContent(), /^10000 referrals; seed 2011, 20000 draws/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the calibration and back-test tables show what threshold calibrate and backtest print", async () => {
  const { page, context, consoleErrors } = await openWorkspace();
  await page.getByText("What the models aim at: published figures beside the model's").click();
  const calibration = page.getByTestId("calibration-table");
  await calibration.waitFor({ timeout: 60000 });
  const declined = thresholdText(["calibrate"]).split("\n").find((l) => l.startsWith("| share of referrals declined |")).split("|");
  const row = calibration.locator("tbody tr").first();
  assert.equal((await row.locator("th").textContent()).trim(), "Share of referrals declined");
  assert.equal((await row.locator("td").nth(0).textContent()).trim(), declined[2].trim());
  assert.equal((await row.locator("td").nth(1).textContent()).trim(), declined[3].trim());
  assert.match(await calibration.textContent(), /at most 24\.3% \(not verified\)/);
  await page.getByText("How well does this model predict real cases?").click();
  const backtest = page.getByTestId("backtest-table");
  await backtest.waitFor({ timeout: 60000 });
  const cli = threshold(["backtest", "--format", "json"]);
  const last = backtest.locator("tbody tr").last().locator("td");
  assert.equal((await last.nth(1).textContent()).trim(), String(cli.total.cases));
  assert.match(await last.nth(2).textContent(), new RegExp(`^${cli.total.inside} \\(`));
  assert.equal((await last.nth(3).textContent()).trim(), `×${cli.total.median_error_factor.toFixed(2)}`);
  assert.equal(await backtest.locator("tbody tr").count(), cli.groups.length + 1);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a chance's difference reads in points with the ratio, in the table and its causes", async () => {
  const { page, context, consoleErrors } = await openWorkspace();
  await page.fill("#field-firearms", "10");
  await page.selectOption("#field-mexico_nexus", "yes");
  await page.selectOption("#field-knew_leaving_us", "yes");
  await page.selectOption("#field-scenario", "today_bsca_819");
  const table = page.getByTestId("side-by-side");
  const acceptance = table.locator("tr", { hasText: "chance a U.S. Attorney accepts" });
  await acceptance.waitFor();
  const text = await acceptance.textContent();
  const points = /\+(\d+\.\d) points \((\d+\.\d)% → (\d+\.\d)%\), (\d\.\d)× likelier/.exec(text);
  assert.ok(points, text);
  const [, shown, from, to, ratio] = points.map(Number);
  assert.ok(Math.abs(shown - (to - from)) <= 0.11, text);
  assert.ok(Math.abs(ratio - to / from) <= 0.06, text);
  assert.match(await acceptance.locator("td").last().textContent(), /: \+\d+\.\d points/);
  // No bare fraction or "+0" anywhere in the table.
  assert.doesNotMatch(await table.textContent(), /\([+−]0(\.\d+)?\)/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the first proposal changes the first case; one that changes nothing says why and offers a case where it bites", async () => {
  const { page, context, consoleErrors } = await openWorkspace();
  const table = page.getByTestId("side-by-side");
  assert.ok((await table.locator("tr.changed").count()) >= 1, "the default proposal moves the default case");
  assert.equal(await page.getByTestId("nothing-moves").count(), 0);
  await page.selectOption("#field-scenario", "gtpa_20yr_straw");
  const nothing = page.getByTestId("nothing-moves");
  await nothing.waitFor();
  assert.match(await nothing.textContent(), /^Nothing changes for this case\. Its guideline range \(level \d+ → [^)]+\) stays inside the statutory limits/);
  assert.match(await nothing.textContent(), /deterrence, plea leverage/);
  await page.getByTestId("try-probe").click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=side-by-side] tr.changed").length > 0);
  assert.equal(await page.inputValue("#field-firearms"), "200");
  await page.getByTestId("restore-case").click();
  assert.equal(await page.inputValue("#field-firearms"), "5", "the user's own case comes back");
  await nothing.waitFor();
  // The 20-year maximum moves a few prison-years over the caseload (referrals with long
  // records pass the old cap), so no "nothing" there; the status quo changes no referral:
  // said in words, and the tornado is a sentence rather than empty axes.
  await page.getByTestId("difference-prison-years").waitFor({ timeout: 60000 });
  await page.selectOption("#field-scenario", "status_quo_2011");
  await page.getByTestId("caseload-nothing-moves").waitFor({ timeout: 60000 });
  assert.match(await page.getByTestId("caseload-nothing-moves").textContent(), /changes no referral in this caseload/);
  await page.getByTestId("tornado-empty").waitFor({ timeout: 120000 });
  assert.match(await page.getByTestId("tornado-empty").textContent(), /^No assumption, across its whole range, moves /);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
