// Keeping work: saved scenarios survive a reload and can be renamed, deleted and restored;
// saving under a taken name asks before it replaces; each entry says what it holds;
// damaged or full storage is reported and never silently overwritten; workspace and proposal
// files round-trip; CSV downloads equal the command line's; every download is stamped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openRecordedPage, servedBrowser, waitForApp } from "./harness.mjs";
import { thresholdText } from "./formats.mjs";

const served = servedBrowser();

async function openPage() {
  const opened = await openRecordedPage(served.browser);
  await opened.page.goto(`${served.server.origin}/`);
  await waitForApp(opened.page);
  return opened;
}

const savedNames = (page) => page.getByTestId("saved-name").allTextContents();

async function save(page, name) {
  await page.fill("#saved-name", name);
  await page.getByTestId("save-view").click();
  await page.getByTestId("saved-name").filter({ hasText: name }).first().waitFor();
}

const engineVersion = thresholdText(["--version"]).trim().replace(/^threshold /, "");
const isoDay = /^\d{4}-\d\d-\d\d$/;

/** Asserts a JSON file's stamp: this engine, the Manual's and statutes' days, the seed. */
function assertStamp(stamp, { manual, statutes, seed }, label) {
  assert.deepEqual(Object.keys(stamp), ["engine_version", "manual", "statutes_on", "law_as_of", "seed"], label);
  assert.equal(stamp.engine_version, engineVersion, label);
  assert.equal(stamp.manual, manual, label);
  assert.equal(stamp.statutes_on, statutes, label);
  assert.match(stamp.law_as_of, isoDay, label);
  assert.equal(stamp.seed, seed, label);
}

/** The rows of an RFC 4180 text, each a list of fields with their quotes undone. */
function csvRows(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== "," && c !== "\r" && c !== "\n")) {
      field += c;
    } else if (c !== "\r") {
      row.push(field);
      field = "";
      if (c === "\n") {
        rows.push(row);
        row = [];
      }
    }
  }
  return rows;
}

/**
 * Asserts that every row of a CSV carries the stamp's columns, filled alike on every row;
 * the projection's seed is its own column near the front.
 */
function assertCsvStamp(text, { manual, statutes, seed }, label) {
  const [names, ...rows] = csvRows(text);
  const at = (name) => names.lastIndexOf(name);
  for (const name of ["engine_version", "manual", "statutes_on", "law_as_of", "seed"]) {
    assert.ok(at(name) >= 0, `${label}: no ${name} column`);
  }
  assert.deepEqual(names.slice(at("engine_version"), at("law_as_of") + 1), ["engine_version", "manual", "statutes_on", "law_as_of"], label);
  assert.ok(rows.length > 0, label);
  for (const row of rows) {
    assert.equal(row.length, names.length, `${label}: ${row}`);
    assert.deepEqual(
      [row[at("engine_version")], row[at("manual")], row[at("statutes_on")], row[at("seed")]],
      [engineVersion, manual, statutes, String(seed)],
      `${label}: ${row}`,
    );
    assert.match(row[at("law_as_of")], isoDay, `${label}: ${row}`);
  }
}

/** Clicks a download button and returns the file's name and text. */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

test("saved scenarios survive a reload; rename, delete and undo; names stay text", async () => {
  const { page, context, consoleErrors } = await openPage();
  assert.equal(await page.getByTestId("saved-empty").count(), 1);
  // An empty name is refused in words.
  await page.getByTestId("save-view").click();
  assert.match(await page.locator("#saved-name-error").textContent(), /name/);

  await page.fill("#field-firearms", "25");
  await save(page, "Ring of 25");
  await page.fill("#field-firearms", "7");
  const markup = `<img src=x onerror="window.__injected=1">`;
  await save(page, markup);
  assert.deepEqual(await savedNames(page), ["Ring of 25", markup]);
  // The name is shown as typed, never run as markup.
  assert.equal(await page.locator(".saved-list img").count(), 0);
  assert.equal(await page.evaluate(() => window.__injected), undefined);

  await page.reload();
  await waitForApp(page);
  await page.getByTestId("saved-list").waitFor();
  assert.deepEqual(await savedNames(page), ["Ring of 25", markup]);

  // Opening replaces the view on screen; "Undo" brings the unsaved one back.
  assert.equal(await page.inputValue("#field-firearms"), "7");
  await page.getByRole("button", { name: "Open “Ring of 25”" }).click();
  await page.waitForFunction(() => document.querySelector("#field-firearms")?.value === "25");
  await page.getByTestId("undo-open").click();
  await page.waitForFunction(() => document.querySelector("#field-firearms")?.value === "7");
  await page.getByRole("button", { name: "Open “Ring of 25”" }).click();
  await page.waitForFunction(() => document.querySelector("#field-firearms")?.value === "25");

  await page.getByRole("button", { name: "Rename “Ring of 25”" }).click();
  await page.getByTestId("rename-input").fill("Ring, renamed");
  await page.getByTestId("rename-save").click();
  await page.getByTestId("saved-name").filter({ hasText: "Ring, renamed" }).waitFor();
  await page.getByRole("button", { name: "Delete “Ring, renamed”" }).click();
  assert.deepEqual(await savedNames(page), [markup]);
  await page.getByTestId("undo-delete").click();
  assert.deepEqual(await savedNames(page), ["Ring, renamed", markup]);
  await page.getByRole("button", { name: `Delete “${markup}”` }).click();

  await page.reload();
  await waitForApp(page);
  await page.getByTestId("saved-list").waitFor();
  assert.deepEqual(await savedNames(page), ["Ring, renamed"]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

/** The summary line of the saved entry named `name`. */
const summaryOf = (page, name) =>
  page
    .getByTestId("saved-entry")
    .filter({ has: page.getByTestId("saved-name").getByText(name, { exact: true }) })
    .getByTestId("saved-summary")
    .textContent();
const storedNames = (page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("threshold.saved")).entries.map((e) => e.name));
const focused = (page) => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.id);

test("each saved entry says what it holds; the name box stops at 80 characters", async () => {
  const { page, context, consoleErrors } = await openPage();
  assert.equal(await page.getAttribute("#saved-name", "maxlength"), "80");
  // Typed, not set: the browser stops at the limit, so the length check never has to refuse.
  await page.locator("#saved-name").pressSequentially("x".repeat(90));
  assert.equal((await page.inputValue("#saved-name")).length, 80);
  await page.getByTestId("save-view").click();
  await page.getByTestId("saved-name").filter({ hasText: "x".repeat(80) }).waitFor();
  assert.equal(await page.locator("#saved-name-error").count(), 0);
  await page.getByRole("button", { name: /^Rename/ }).click();
  assert.equal(await page.getByTestId("rename-input").getAttribute("maxlength"), "80");
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.fill("#field-firearms", "1");
  await save(page, "One gun");
  await page.selectOption("#field-scenario", "today_bsca_819");
  await page.fill("#field-firearms", "10");
  await save(page, "Ten guns");
  assert.equal(
    await summaryOf(page, "One gun"),
    "18 U.S.C. 922(a)(6), 924(a)(2) — False statement when buying a firearm (\"straw purchase\") · 1 firearm · proposal: H.R. 2554 (2011): a federal firearms-trafficking offence",
  );
  assert.match(await summaryOf(page, "Ten guns"), /^18 U\.S\.C\. 922\(a\)\(6\).* · 10 firearms · proposal: Today's law \(BSCA 2022/);
  // The first entry was saved at the limit with the default view.
  assert.match(await summaryOf(page, "x".repeat(80)), / · 5 firearms · /);

  await page.locator('[data-testid=language-switch] [data-lang="es"]').click();
  await page.getByText("Escenarios guardados y archivos").waitFor();
  assert.match(await summaryOf(page, "One gun"), /— Declaración falsa .* · 1 arma de fuego · propuesta: H\.R\. 2554 \(2011\)/);
  assert.match(await summaryOf(page, "Ten guns"), / · 10 armas de fuego · propuesta: La ley actual/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("saving under a taken name asks first: Cancel keeps it, Replace replaces it, Keep both adds a copy", async () => {
  const { page, context, consoleErrors } = await openPage();
  await page.fill("#field-firearms", "12");
  await save(page, "A");
  const confirm = page.getByTestId("save-confirm");

  // The user-test case: "A" again with 99 guns asks, and says what would be lost.
  await page.fill("#field-firearms", "99");
  await page.fill("#saved-name", "A");
  await page.getByTestId("save-view").click();
  await confirm.waitFor();
  assert.match(
    await confirm.locator("#save-confirm-question").textContent(),
    /^A scenario named “A” is already saved \(saved \w+ \d+, \d{4}, \d\d:\d\d UTC\)\. Replace it\?$/,
  );
  assert.match(await confirm.locator("#save-confirm-summary").textContent(), / · 12 firearms · /);
  assert.equal(await confirm.getAttribute("role"), "group");
  // Focus lands on the choice that loses nothing.
  assert.equal(await focused(page), "confirm-keep-both");
  assert.equal(await page.getByTestId("confirm-keep-both").textContent(), "Keep both (save as “A (2)”)");

  await page.getByTestId("confirm-cancel").click();
  await confirm.waitFor({ state: "detached" });
  assert.deepEqual(await savedNames(page), ["A"]);
  assert.match(await summaryOf(page, "A"), / · 12 firearms · /);
  assert.equal(await page.getByTestId("saved-notice").textContent(), "Nothing was saved; “A” is unchanged.");
  assert.equal(await focused(page), "saved-name");
  assert.equal(await page.inputValue("#saved-name"), "A");

  // Escape cancels too; Enter on the focused "Keep both" saves a copy.
  await page.getByTestId("save-view").click();
  await confirm.waitFor();
  await page.keyboard.press("Escape");
  await confirm.waitFor({ state: "detached" });
  assert.deepEqual(await storedNames(page), ["A"]);
  await page.keyboard.press("Enter");
  await confirm.waitFor();
  assert.equal(await focused(page), "confirm-keep-both");
  await page.keyboard.press("Enter");
  await page.getByTestId("saved-name").filter({ hasText: "A (2)" }).waitFor();
  assert.deepEqual(await savedNames(page), ["A", "A (2)"]);
  assert.match(await summaryOf(page, "A"), / · 12 firearms · /);
  assert.match(await summaryOf(page, "A (2)"), / · 99 firearms · /);
  assert.equal(await page.getByTestId("saved-notice").textContent(), "Saved “A (2)”; “A” is kept as it was.");
  assert.equal(await page.inputValue("#saved-name"), "");

  // Replace puts this view in the entry's place.
  await page.fill("#field-firearms", "1");
  await page.fill("#saved-name", "A");
  await page.getByTestId("save-view").click();
  await confirm.waitFor();
  await page.getByTestId("confirm-replace").click();
  await confirm.waitFor({ state: "detached" });
  assert.deepEqual(await savedNames(page), ["A", "A (2)"]);
  assert.match(await summaryOf(page, "A"), / · 1 firearm · /);
  assert.equal(await page.getByTestId("saved-notice").textContent(), "Replaced “A” with this view.");
  // Changing the name withdraws the question: it was about the name as it was.
  await page.fill("#saved-name", "A (2)");
  await page.getByTestId("save-view").click();
  await confirm.waitFor();
  await page.fill("#saved-name", "B");
  await confirm.waitFor({ state: "detached" });

  await page.reload();
  await waitForApp(page);
  await page.getByTestId("saved-list").waitFor();
  assert.deepEqual(await savedNames(page), ["A", "A (2)"]);
  assert.match(await summaryOf(page, "A"), / · 1 firearm · /);
  assert.match(await summaryOf(page, "A (2)"), / · 99 firearms · /);

  // The same question in Spanish.
  await page.locator('[data-testid=language-switch] [data-lang="es"]').click();
  await page.fill("#saved-name", "A");
  await page.getByTestId("save-view").click();
  await confirm.waitFor();
  assert.match(
    await confirm.locator("#save-confirm-question").textContent(),
    /^Ya hay un escenario guardado llamado “A” \(guardado el \d+ de \w+ de \d{4}, \d\d:\d\d UTC\)\. ¿Desea reemplazarlo\?$/,
  );
  assert.match(await confirm.locator("#save-confirm-summary").textContent(), / · 1 arma de fuego · propuesta: /);
  assert.equal(await page.getByTestId("confirm-replace").textContent(), "Reemplazar “A”");
  assert.equal(await page.getByTestId("confirm-keep-both").textContent(), "Conservar ambos (guardar como “A (3)”)");
  assert.equal(await page.getByTestId("confirm-cancel").textContent(), "Cancelar");
  await page.getByTestId("confirm-cancel").click();
  assert.deepEqual(await storedNames(page), ["A", "A (2)"]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("unreadable storage is reported and kept under a backup key, not overwritten", async () => {
  const { page, context, consoleErrors } = await openPage();
  await page.evaluate(() => localStorage.setItem("threshold.saved", '{"threshold":"saved","entries":[{"na'));
  await page.reload();
  await waitForApp(page);
  const problem = page.getByTestId("storage-problem");
  await problem.waitFor();
  assert.match(await problem.textContent(), /could not be read: the stored list was cut short\./);
  const stored = () =>
    page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  let storage = await stored();
  const backups = Object.keys(storage).filter((k) => k.startsWith("threshold.saved.backup."));
  assert.equal(backups.length, 1, JSON.stringify(storage));
  assert.equal(storage[backups[0]], '{"threshold":"saved","entries":[{"na');
  assert.match(await page.getByTestId("storage-backup").textContent(), new RegExp(backups[0].replaceAll(".", "\\.")));
  // Loading wrote nothing over the damaged list.
  assert.equal(storage["threshold.saved"], '{"threshold":"saved","entries":[{"na');
  const unreadable = await download(page, "download-unreadable");
  assert.equal(unreadable.text, '{"threshold":"saved","entries":[{"na');

  // The first save starts a new list; the backup stays.
  await save(page, "After the damage");
  storage = await stored();
  assert.deepEqual(JSON.parse(storage["threshold.saved"]).entries.map((e) => e.name), ["After the damage"]);
  assert.equal(storage[backups[0]], '{"threshold":"saved","entries":[{"na');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a full storage is reported in words and the list stays in the page", async () => {
  const { page, context, consoleErrors } = await openPage();
  await page.evaluate(() => {
    // Fill the origin's quota (about 5 MB in Chromium) with ever smaller blocks.
    let size = 1 << 20;
    let i = 0;
    while (size >= 16) {
      try {
        localStorage.setItem(`filler-${i++}`, "x".repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
  await page.fill("#saved-name", "Too much");
  await page.getByTestId("save-view").click();
  const problem = page.getByTestId("storage-problem");
  await problem.waitFor();
  assert.match(await problem.textContent(), /full/);
  assert.deepEqual(await savedNames(page), ["Too much"]);
  await page.evaluate(() => localStorage.clear());
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a workspace file reopens the same view; a damaged file names the field; a proposal file opens alone", async () => {
  const first = await openPage();
  const { page } = first;
  await page.fill("#field-firearms", "31");
  await page.selectOption("#field-mexico_nexus", "yes");
  await page.fill("#param-within_range_share", "61.5");
  await page.selectOption("#field-scenario", "gtpa_20yr_straw");
  await page.fill("#field-seed", "9");
  const workspace = await download(page, "download-workspace");
  assert.match(workspace.name, /^threshold-workspace-\d{4}-\d\d-\d\d\.json$/);
  const file = JSON.parse(workspace.text);
  assert.equal(file.threshold, "workspace");
  assert.equal(file.version, 1);
  assert.equal(file.case.firearms, 31);
  // The default case is under April 2011 law: the Nov. 2010 Manual; the seed typed above.
  const stamped = { manual: "2010-11-01", statutes: "2011-04-01", seed: 9 };
  assertStamp(file.stamp, stamped, "workspace");
  const shown = async (p) => ({
    level: await p.getByTestId("offense-level").textContent(),
    range: await p.getByTestId("guideline-range").textContent(),
    acceptance: await p.getByTestId("acceptance-probability").textContent(),
    sideBySide: await p.getByTestId("side-by-side").textContent(),
    seed: await p.inputValue("#field-seed"),
    share: await p.inputValue("#param-within_range_share"),
  });
  const before = await shown(page);

  const second = await openPage();
  const other = second.page;
  const open = (name, text) =>
    other.setInputFiles("#open-file", { name, mimeType: "application/json", buffer: Buffer.from(text) });
  // A damaged copy: the message names the field, and nothing changes.
  const defaults = await shown(other);
  await open("damaged.json", workspace.text.replace('"firearms": 31', '"firearms": "thirty-one"'));
  const error = other.getByTestId("saved-error");
  await error.waitFor();
  assert.match(await error.textContent(), /Number of firearms: should be a whole number of 0 or more, not the text "thirty-one"/);
  assert.deepEqual(await shown(other), defaults);
  await open(workspace.name, workspace.text);
  await other.getByTestId("saved-notice").waitFor();
  assert.deepEqual(await shown(other), before);

  // The proposal alone: another page's case stays, its proposal changes.
  const proposal = await download(page, "download-proposal");
  assert.equal(proposal.name, "threshold-proposal-gtpa-20yr-straw.json");
  assertStamp(JSON.parse(proposal.text).stamp, stamped, "proposal");
  const third = await openPage();
  await third.page.fill("#field-firearms", "12");
  await third.page.setInputFiles("#open-file", {
    name: proposal.name,
    mimeType: "application/json",
    buffer: Buffer.from(proposal.text),
  });
  await third.page.waitForFunction(() => document.querySelector("#field-scenario")?.value === "gtpa_20yr_straw");
  assert.equal(await third.page.inputValue("#field-firearms"), "12");

  for (const opened of [first, second, third]) {
    assert.deepEqual(opened.consoleErrors, []);
    await opened.context.close();
  }
});

test("CSV downloads equal threshold compare, scenario compare and project", async () => {
  const { page, context, consoleErrors } = await openPage();
  await page.getByTestId("caseload-summary").waitFor({ timeout: 60000 });
  const workspace = JSON.parse((await download(page, "download-workspace")).text);
  const caseJson = JSON.stringify(workspace.case);

  const comparison = await download(page, "download-comparison-csv");
  assert.equal(comparison.name, "threshold-charges.csv");
  assert.equal(comparison.text, thresholdText(["compare", "-", "--format", "csv"], caseJson));
  assert.ok(comparison.text.split("\r\n").length > 2);

  const sideBySide = await download(page, "download-side-by-side-csv");
  assert.equal(sideBySide.name, "threshold-side-by-side-hr-2554-2011.csv");
  assert.equal(sideBySide.text, thresholdText(["scenario", "compare", "hr_2554_2011", "-", "--format", "csv"], caseJson));

  const projection = await download(page, "download-projection-csv");
  assert.equal(projection.name, "threshold-projection-hr-2554-2011-seed2011-1000draws.csv");
  assert.equal(
    projection.text,
    thresholdText(["project", "--scenario", "hr_2554_2011", "--seed", "2011", "--draws", "1000", "--format", "csv"]),
  );
  // Equal to the command line's, and what they are: this engine, the default case's April
  // 2011 law and the page's seed.
  const stamped = { manual: "2010-11-01", statutes: "2011-04-01", seed: 2011 };
  assertStamp(workspace.stamp, stamped, "workspace");
  assertCsvStamp(comparison.text, stamped, "comparison");
  assertCsvStamp(sideBySide.text, stamped, "side by side");
  assertCsvStamp(projection.text, stamped, "projection");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("two tabs saving in turn keep both entries", async () => {
  const { page, context, consoleErrors } = await openPage();
  const other = await context.newPage();
  await other.goto(`${served.server.origin}/`);
  await waitForApp(other);
  await save(page, "From the first tab");
  await other.getByTestId("saved-name").filter({ hasText: "From the first tab" }).waitFor();
  await save(other, "From the second tab");
  await page.getByTestId("saved-name").filter({ hasText: "From the second tab" }).waitFor();
  assert.deepEqual(await savedNames(page), ["From the first tab", "From the second tab"]);
  await page.reload();
  await waitForApp(page);
  await page.getByTestId("saved-list").waitFor();
  assert.deepEqual(await savedNames(page), ["From the first tab", "From the second tab"]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
