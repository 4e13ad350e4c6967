// Plain words in every main state, in both languages: no field name (snake_case), no
// missing key (⟦key⟧), no type name (u32) and no notation such as P(·|·) in what a person
// reads on the page, the slides or the printed brief.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openEveryFold, openRecordedPage, servedBrowser, showMoreFacts, waitForApp } from "./harness.mjs";

const served = servedBrowser();

/** What a person reads, with every fold open: own text of every visible element, and the labels assistive
 * technology reads. The proposal's JSON editor and file names are file formats, shown as
 * such; the brief's link is an address. */
async function readable(page) {
  // Every fold opened, and its contents on the page: what a reader finds by opening one is
  // read too.
  await openEveryFold(page);
  return page.evaluate(() => {
    const out = [];
    const skip = (el) => el.closest("textarea, script, style, template, [hidden], .brief-link, .download-name");
    for (const el of document.body.querySelectorAll("*")) {
      if (skip(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent);
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
      if (el.tagName === "OPTION") out.push(el.textContent);
    }
    return out.map((w) => w.replace(/\s+/g, " ").trim()).filter(Boolean);
  });
}

const FORBIDDEN = [
  ["a field name", /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/],
  ["a missing key", /⟦/],
  ["a type name", /\b(u8|u16|u32|u64|i32|i64|f64|usize)\b/],
  ["probability notation", /\bP\(/],
  ["backticks", /`/],
];

function check(words, state) {
  const bad = [];
  for (const w of words) {
    for (const [what, pattern] of FORBIDDEN) if (pattern.test(w)) bad.push(`${what}: ${w.slice(0, 160)}`);
  }
  assert.deepEqual([...new Set(bad)], [], `${state}`);
}

for (const lang of ["en", "es"]) {
  test(`every main state reads in plain words (${lang})`, async () => {
    const { page, context, consoleErrors } = await openRecordedPage(served.browser, { width: 1280, height: 800 });
    await page.goto(`${served.server.origin}/`);
    await waitForApp(page);
    if (lang === "es") {
      await page.locator('[data-testid=language-switch] [data-lang="es"]').click();
      await page.waitForFunction(() => document.documentElement.lang === "es-MX");
    }
    await showMoreFacts(page);
    await page.getByTestId("caseload-summary").waitFor({ timeout: 60000 });
    check(await readable(page), `${lang}: first visit`);
    await page.getByTestId("example-rifles_to_mexico_10").click();
    await page.getByTestId("answer-card").waitFor();
    check(await readable(page), `${lang}: 10 rifles to Mexico`);
    await page.selectOption("#field-law_era", "today");
    await page.selectOption("#field-trafficking_recipient", "dangerous");
    await page.getByTestId("answer-switch").waitFor();
    check(await readable(page), `${lang}: today's law, a cartel buyer`);
    await page.selectOption("#field-scenario", "gtpa_20yr_straw");
    await page.getByTestId("example-restore").click();
    await page.getByTestId("nothing-moves").waitFor();
    check(await readable(page), `${lang}: a proposal that changes nothing for the case`);
    await page.selectOption("#field-scenario", "status_quo_2011");
    await page.getByTestId("caseload-nothing-moves").waitFor({ timeout: 60000 });
    check(await readable(page), `${lang}: a caseload that does not move`);
    await page.fill("#field-evidence_strength", "0.5");
    await page.fill("#field-firearms", "abc");
    check(await readable(page), `${lang}: refused and questioned entries`);
    await page.fill("#field-firearms", "10");
    await page.emulateMedia({ media: "print" });
    check(await readable(page), `${lang}: the printed brief`);
    await page.emulateMedia({ media: "screen" });
    await page.getByTestId("present").click();
    for (const [deck, count] of [["case", 4], ["story", 5]]) {
      await page.getByTestId(`deck-${deck}`).click();
      for (let i = 0; i < count; i++) {
        await page.keyboard.press(i === 0 ? "Home" : "ArrowRight");
        check(await readable(page), `${lang}: ${deck} slide ${i + 1}`);
      }
    }
    await page.keyboard.press("Escape");
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
}
