// Accessibility audit: axe-core (WCAG 2.0/2.1 A and AA, plus best practice) on every main view
// of the release build, each of which must have zero violations.
import { test } from "node:test";
import assert from "node:assert/strict";
import axe from "axe-core";
import { openEveryFold, openRecordedPage, servedBrowser, waitForApp } from "./harness.mjs";

const served = servedBrowser();

const AXE_OPTIONS = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  resultTypes: ["violations"],
};

/** One line per violation and per offending element, so a failure says what to fix. */
function describe(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(" ")}${n.summary ? `\n      ${n.summary.replaceAll("\n", "\n      ")}` : ""}`);
      return `  ${v.id} (${v.impact}): ${v.help}\n${nodes.join("\n")}`;
    })
    .join("\n");
}

/**
 * Audits a page view by view, then fails once with every violation of every view. axe is
 * injected through DevTools (page.evaluate), which a Content-Security-Policy forbidding
 * inline scripts does not block, unlike a <script> tag.
 */
function auditor(page) {
  const failures = [];
  return {
    async check(view) {
      if (!(await page.evaluate(() => typeof window.axe === "object"))) {
        await page.evaluate(axe.source);
      }
      const violations = await page.evaluate(async (options) => {
        const results = await window.axe.run(document, options);
        return results.violations.map(({ id, impact, help, nodes }) => ({
          id,
          impact,
          help,
          nodes: nodes.map(({ target, failureSummary }) => ({ target, summary: failureSummary })),
        }));
      }, AXE_OPTIONS);
      const elements = violations.reduce((sum, v) => sum + v.nodes.length, 0);
      console.log(`axe, ${view}: ${violations.length} rules violated, ${elements} elements`);
      if (violations.length) failures.push(`${view}:\n${describe(violations)}`);
    },
    assertClean() {
      assert.equal(failures.length, 0, `axe violations in\n${failures.join("\n")}`);
    },
  };
}

async function openWorkspace(viewport, fragment = "") {
  const opened = await openRecordedPage(served.browser, viewport);
  await opened.page.goto(`${served.server.origin}/${fragment}`);
  await waitForApp(opened.page);
  await opened.page.getByTestId("guideline-range").waitFor();
  return opened;
}

/** Opens every closed disclosure, so their contents (notes, tables, sources) are audited too. */
async function openAllDetails(page) {
  await openEveryFold(page);
}

test("axe: the default workspace on a desktop, closed and with every disclosure open", async () => {
  const { page, context, consoleErrors } = await openWorkspace({ width: 1280, height: 900 });
  const axeRun = auditor(page);
  await axeRun.check("default workspace, 1280 px");
  await openAllDetails(page);
  await axeRun.check("default workspace, 1280 px, every disclosure open");
  axeRun.assertClean();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("axe: the workspace and the presentation in Spanish, at 1280 and 390 px", async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const { page, context, consoleErrors } = await openWorkspace(viewport);
    await page.locator('[data-testid=language-switch] [data-lang="es"]').click();
    await page.waitForFunction(() => document.documentElement.lang === "es-MX");
    const axeRun = auditor(page);
    await openAllDetails(page);
    await axeRun.check(`Spanish workspace, ${viewport.width} px, every disclosure open`);
    await page.getByTestId("present").click();
    await axeRun.check(`Spanish presentation of the user's case, ${viewport.width} px`);
    await page.getByTestId("deck-story").click();
    await axeRun.check(`Spanish presentation of the paper's story, ${viewport.width} px`);
    axeRun.assertClean();
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test("axe: the workspace on a phone, with the pinned result bar", async () => {
  const { page, context } = await openWorkspace({ width: 390, height: 844 });
  assert.ok(await page.locator(".result-bar").isVisible(), "the phone layout is in force");
  const axeRun = auditor(page);
  await axeRun.check("default workspace, 390 px");
  await openAllDetails(page);
  await axeRun.check("default workspace, 390 px, every disclosure open");
  axeRun.assertClean();
  await context.close();
});

test("axe: the scenario editor open", async () => {
  const { page, context } = await openWorkspace();
  const axeRun = auditor(page);
  await page.getByRole("button", { name: "Copy and edit this proposal" }).click();
  await page.locator("#scenario-json").waitFor();
  await axeRun.check("scenario editor");
  // A refused edit shows its error inside the editor.
  await page.fill("#scenario-json", "{ not json");
  await page.getByRole("button", { name: "Apply the edited proposal" }).click();
  await page.getByTestId("scenario-error").waitFor();
  await axeRun.check("scenario editor with a refused edit");
  axeRun.assertClean();
  await context.close();
});

test("axe: the caseload projection while it runs, and after it and its tornado have run", async () => {
  const { page, context } = await openWorkspace();
  const axeRun = auditor(page);
  await page.getByTestId("caseload-summary").waitFor({ timeout: 60000 });
  await page.getByTestId("tornado-table").waitFor({ state: "attached", timeout: 120000 });
  await axeRun.check("caseload projection and tornado");
  await openAllDetails(page);
  await axeRun.check("caseload projection and tornado, every disclosure open");
  // Many draws keep a new run going long enough to audit its progress bar.
  await page.fill("#field-draws", "100000");
  await page.getByTestId("caseload-progress").waitFor();
  await axeRun.check("caseload projection running");
  axeRun.assertClean();
  await context.close();
});

test("axe: input errors showing", async () => {
  const { page, context } = await openWorkspace();
  await page.fill("#field-firearms", "lots");
  await page.fill("#field-seed", "-3");
  await openAllDetails(page);
  await page.locator(".assumptions-panel input").first().fill("a lot");
  // Waited for, not counted at once: under load the last refusal can land a task later.
  await page.waitForFunction(() => document.querySelectorAll(".field-error").length >= 3, null, { timeout: 10000 })
    .catch(() => assert.fail("the bad entries show their messages"));
  const axeRun = auditor(page);
  await axeRun.check("input errors");
  axeRun.assertClean();
  await context.close();
});

test("axe: the share-link error banner", async () => {
  const { page, context } = await openWorkspace(undefined, "#v1.garbage");
  await page.getByTestId("link-error").waitFor();
  const axeRun = auditor(page);
  await axeRun.check("share-link error banner");
  axeRun.assertClean();
  await context.close();
});

test("axe: saved scenarios — a refused name, the question before a replace, the list while renaming, the undo after a delete, damaged storage, a damaged file", async () => {
  const { page, context } = await openWorkspace();
  const axeRun = auditor(page);
  await page.getByTestId("save-view").click();
  await page.locator("#saved-name-error").waitFor();
  await axeRun.check("saved scenarios, empty name refused");
  await page.fill("#saved-name", "Ring of 25");
  await page.getByTestId("save-view").click();
  await page.getByTestId("saved-name").first().waitFor();
  await page.fill("#saved-name", "Ring of 25");
  await page.getByTestId("save-view").click();
  await page.getByTestId("save-confirm").waitFor();
  await axeRun.check("saved scenarios, asking before a replace");
  await page.getByTestId("confirm-cancel").click();
  await page.getByRole("button", { name: "Rename “Ring of 25”" }).click();
  await page.getByTestId("rename-input").waitFor();
  await axeRun.check("saved scenarios, renaming");
  await page.getByTestId("rename-save").click();
  await page.getByRole("button", { name: "Delete “Ring of 25”" }).click();
  await page.getByTestId("undo-delete").waitFor();
  await axeRun.check("saved scenarios, undo after a delete");

  await page.evaluate(() => localStorage.setItem("threshold.saved", '{"threshold":"saved","entries":[{"na'));
  await page.reload();
  await waitForApp(page);
  await page.getByTestId("storage-problem").waitFor();
  await page.setInputFiles("#open-file", { name: "damaged.json", mimeType: "application/json", buffer: Buffer.from('{"threshold":"workspace","version":1,"case":7}') });
  await page.getByTestId("saved-error").waitFor();
  await axeRun.check("saved scenarios, damaged storage and a damaged file");
  await page.evaluate(() => localStorage.clear());
  axeRun.assertClean();
  await context.close();
});

test("axe: presentation mode, every slide, on a projector and a phone", async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
    const { page, context } = await openWorkspace(viewport);
    const axeRun = auditor(page);
    await page.getByTestId("present").click();
    const slide = page.getByTestId("slide");
    await slide.waitFor();
    for (const [deck, count] of [["case", 4], ["story", 5]]) {
      await page.getByTestId(`deck-${deck}`).click();
      const seen = new Set();
      // Step until the slide stops changing: the last one stays put.
      for (let name = await slide.getAttribute("data-slide"); !seen.has(name); name = await slide.getAttribute("data-slide")) {
        seen.add(name);
        await axeRun.check(`presentation, ${deck} deck, ${viewport.width} px, slide “${name}”`);
        await page.keyboard.press("ArrowRight");
      }
      assert.equal(seen.size, count, `${deck} slides seen: ${[...seen]}`);
    }
    axeRun.assertClean();
    await context.close();
  }
});

test("axe: the answer card, a questioned entry, a proposal that moves nothing, on a desktop and as cards on a phone", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { page, context, consoleErrors } = await openWorkspace(viewport);
    const axeRun = auditor(page);
    await openAllDetails(page);
    // Today's law for a buyer who knew the guns were for a dangerous person: the card offers §932.
    await page.selectOption("#field-law_era", "today");
    await page.selectOption("#field-trafficking_recipient", "dangerous");
    await page.getByTestId("answer-switch").waitFor();
    await axeRun.check(`the answer card offering today's best charge, ${viewport.width} px`);
    await page.fill("#field-evidence_strength", "0.5");
    await page.getByTestId("did-you-mean").waitFor();
    await axeRun.check(`“did you mean 50%?”, ${viewport.width} px`);
    // The five-gun straw purchaser under a higher maximum: nothing moves, and the page says why.
    await page.goto(`${served.server.origin}/`);
    await waitForApp(page);
    await page.selectOption("#field-scenario", "gtpa_20yr_straw");
    await page.getByTestId("nothing-moves").waitFor();
    await page.selectOption("#field-scenario", "status_quo_2011");
    await page.getByTestId("caseload-nothing-moves").waitFor({ timeout: 60000 });
    await openAllDetails(page);
    await axeRun.check(`nothing moves for the case or the caseload, ${viewport.width} px`);
    axeRun.assertClean();
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});
