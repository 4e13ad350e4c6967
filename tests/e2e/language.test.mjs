// English and Spanish: the switch turns every panel Spanish with no English left over and no
// missing key, is remembered by this browser, travels in the share link, and reaches the
// presentation and the printed brief.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openEveryFold, openRecordedPage, servedBrowser, showMoreFacts, waitForApp } from "./harness.mjs";

const served = servedBrowser();
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Every {en, es} pair the app can show: the message catalogs and the data files' prose. */
function catalogPairs() {
  const pairs = [];
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === "object") {
      const keys = Object.keys(value);
      if (keys.length === 2 && typeof value.en === "string" && typeof value.es === "string") {
        pairs.push(value);
        return;
      }
      Object.values(value).forEach(walk);
    }
  };
  for (const file of readdirSync(`${ROOT}src/messages`).filter((f) => f.endsWith(".json"))) {
    walk(JSON.parse(readFileSync(`${ROOT}src/messages/${file}`, "utf8")));
  }
  for (const file of readdirSync(`${ROOT}engine/data`).filter((f) => f.endsWith(".json"))) {
    walk(JSON.parse(readFileSync(`${ROOT}engine/data/${file}`, "utf8")));
  }
  return pairs;
}

const PAIRS = catalogPairs().filter((p) => p.en.trim() !== p.es.trim());
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** An English text, or an English template with its {placeholders} as wildcards. */
const ENGLISH = PAIRS.map((p) => p.en.trim())
  .filter((en) => en.replace(/\{[^}]*\}/g, "").trim().length >= 3)
  .map((en) => new RegExp(`^${escape(en).replace(/\\\{[^}]*\\\}/g, ".+?")}$`, "s"));
const SPANISH = PAIRS.map((p) => p.es.trim()).filter((es) => !es.includes("{") && es.length >= 4);

/**
 * The page's words: the text of every element whose text is its own (no child elements), every
 * run of text beside child elements, and the labels assistive technology reads.
 */
async function pageWords(page, root = "body") {
  return page.evaluate((selector) => {
    const words = [];
    // `code` holds case-file spellings (`role = none`), a file format like the CSV columns;
    // `cite` and `.citation` cite English documents as they are titled.
    const visible = (el) => !el.closest("[hidden], template, script, style, noscript, code, cite, .citation");
    for (const el of document.querySelector(selector).querySelectorAll("*")) {
      if (!visible(el)) continue;
      if (el.children.length === 0) {
        words.push(el.textContent);
      } else {
        for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE) words.push(node.textContent);
      }
      for (const attribute of ["aria-label", "title", "placeholder", "alt", "aria-description"]) {
        const value = el.getAttribute(attribute);
        if (value) words.push(value);
      }
    }
    return words.map((w) => w.replace(/\s+/g, " ").trim()).filter((w) => w.length > 0);
  }, root);
}

/**
 * English prose no catalog holds (text the code writes itself): English words Spanish never
 * uses, once quoted titles and parenthesised glosses ("acceptance of responsibility") are
 * set aside, since the Spanish names the English term beside its explanation.
 */
function isEnglishProse(text) {
  const own = text
    .replace(/'[^']*'|"[^"]*"|“[^”]*”|‘[^’]*’/g, " ")
    .replace(/\([^()]*\)/g, " ");
  return /\b(the|and|is|are|when|which|with|from|of|for|by)\b/.test(own);
}

/** Fails on any missing key (⟦key⟧) or any English text left in a Spanish page. */
async function assertAllSpanish(page, state) {
  const words = await pageWords(page);
  const missing = words.filter((w) => w.includes("⟦"));
  assert.deepEqual(missing, [], `${state}: missing keys`);
  const english = words.filter((w) => ENGLISH.some((pattern) => pattern.test(w)) || isEnglishProse(w));
  assert.deepEqual([...new Set(english)], [], `${state}: English left on a Spanish page`);
}

/** Each panel (and the header and footer) says something in Spanish. */
async function assertEveryPanelSpanish(page, state) {
  const panels = await page.evaluate(() =>
    [...document.querySelectorAll("header, footer, main section, main details")]
      .filter((el) => !el.closest("[hidden]"))
      .map((el) => ({
        name: el.getAttribute("aria-labelledby") ?? el.className ?? el.tagName,
        text: el.textContent.replace(/\s+/g, " "),
      })),
  );
  assert.ok(panels.length >= 10, `${state}: ${panels.length} panels found`);
  for (const panel of panels) {
    assert.ok(
      SPANISH.some((es) => panel.text.includes(es)),
      `${state}: panel ${panel.name} shows no Spanish: ${panel.text.slice(0, 160)}`,
    );
  }
}

async function openInSpanish(viewport) {
  const opened = await openRecordedPage(served.browser, viewport);
  await opened.page.goto(`${served.server.origin}/`);
  await waitForApp(opened.page); await showMoreFacts(opened.page);
  await opened.page.locator('[data-testid=language-switch] [data-lang="es"]').click();
  await opened.page.waitForFunction(() => document.documentElement.lang === "es-MX");
  return opened;
}

test("catalogs: every pair has both languages and the checks have words to look for", () => {
  assert.ok(PAIRS.length > 300, `${PAIRS.length} translated texts`);
  // The prose check finds English the catalogs never held, and spares glossed terms.
  assert.ok(isEnglishProse("A referral flips to accepted when its probability is below 0.5."));
  assert.ok(!isEnglishProse("Aceptación de responsabilidad (acceptance of responsibility): −2 niveles."));
  assert.ok(!isEnglishProse("Pew Research Center, 'Only 2% of federal defendants go to trial' (June 2019)."));
  for (const p of catalogPairs()) {
    assert.ok(p.en.trim() && p.es.trim(), JSON.stringify(p));
  }
});

test("Spanish reaches every panel in every state, with no English and no missing key", async () => {
  const { page, context, consoleErrors } = await openInSpanish({ width: 1280, height: 900 });
  const switchState = await page.locator('[data-lang="es"]').getAttribute("aria-pressed");
  assert.equal(switchState, "true");
  await assertAllSpanish(page, "default workspace");
  await openEveryFold(page);
  await assertEveryPanelSpanish(page, "every disclosure open");
  await assertAllSpanish(page, "every disclosure open");

  // The caseload projection and its tornado, run to the end.
  await page.getByTestId("caseload-summary").waitFor({ timeout: 60000 });
  await page.getByTestId("tornado-table").waitFor({ state: "attached", timeout: 120000 });
  await openEveryFold(page);
  await assertAllSpanish(page, "caseload and tornado");

  // Errors in words: a bad number, a bad seed, a bad assumption.
  await page.fill("#field-firearms", "muchas");
  await page.fill("#field-seed", "-3");
  await page.locator(".assumptions-panel input").first().fill("bastante");
  assert.ok((await page.locator(".field-error").count()) >= 3);
  await assertAllSpanish(page, "input errors");

  // A saved view, its list and the notice.
  await page.fill("#field-firearms", "12");
  await page.fill("#saved-name", "Caso de prueba");
  await page.getByTestId("save-view").click();
  await page.getByTestId("saved-list").waitFor();
  await assertAllSpanish(page, "saved view");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a damaged link and a damaged file are explained in Spanish", async () => {
  const { page, context } = await openInSpanish();
  await page.goto(`${served.server.origin}/#v1.garbage`);
  await page.reload();
  await waitForApp(page); await showMoreFacts(page);
  const banner = (await page.getByTestId("link-error").textContent()).trim();
  assert.doesNotMatch(banner, /\b(the|link|cannot|was)\b/i, banner);
  await assertAllSpanish(page, "link error");
  await page.setInputFiles("#open-file", {
    name: "dañado.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"threshold":"workspace","version":1,"case":7}'),
  });
  await page.getByTestId("saved-error").waitFor();
  await assertAllSpanish(page, "file error");
  await context.close();
});

test("the choice is remembered here, carried by the link, and English comes back exactly", async () => {
  const { page, context } = await openRecordedPage(served.browser);
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page); await showMoreFacts(page);
  const tagline = await page.locator(".site-tagline").textContent();
  await page.locator('[data-lang="es"]').click();
  await page.waitForFunction(() => document.documentElement.lang === "es-MX");
  const spanishTagline = await page.locator(".site-tagline").textContent();
  assert.notEqual(spanishTagline, tagline);
  assert.equal(await page.evaluate(() => localStorage.getItem("threshold.lang")), "es");

  // Remembered: a plain reload of the address without a link stays Spanish.
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page); await showMoreFacts(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "es-MX");

  // Carried: the link opens in Spanish in a browser that never chose a language.
  await page.fill("#field-firearms", "9");
  await page.waitForFunction(() => location.hash.startsWith("#v1."));
  const link = await page.evaluate(() => location.href);
  const other = await openRecordedPage(served.browser);
  await other.page.goto(link);
  await waitForApp(other.page); await showMoreFacts(other.page);
  assert.equal(await other.page.evaluate(() => document.documentElement.lang), "es-MX");
  assert.equal(await other.page.locator(".site-tagline").textContent(), spanishTagline);
  assert.equal(await other.page.inputValue("#field-firearms"), "9");
  await other.context.close();

  // And back: English exactly as before.
  await page.locator('[data-lang="en"]').click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(await page.locator(".site-tagline").textContent(), tagline);
  await context.close();
});

test("the presentation steps in Spanish and the Spanish brief fits one A4 and one Letter page", async () => {
  const { page, context, consoleErrors } = await openInSpanish({ width: 1280, height: 720 });
  await page.getByTestId("present").click();
  const slide = page.getByTestId("slide");
  for (const [deck, count] of [["case", 4], ["story", 5]]) {
    await page.getByTestId(`deck-${deck}`).click();
    for (let i = 0; i < count; i++) {
      await page.keyboard.press(i === 0 ? "Home" : "ArrowRight");
      await assertAllSpanish(page, `${deck} slide ${await slide.getAttribute("data-slide")}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
      assert.ok(overflow <= 0, `${deck} slide ${i + 1} overflows by ${overflow} px in Spanish`);
    }
  }
  await page.keyboard.press("ArrowLeft");
  assert.equal(await slide.getAttribute("data-slide"), "caseload");
  await page.keyboard.press("Escape");
  await page.locator(".workspace").waitFor();

  // The longest brief: with the default model's calibration line, computed after the answer.
  await page.getByTestId("brief-calibration").waitFor({ state: "attached", timeout: 15000 });
  assert.match(await page.getByTestId("brief-calibration").textContent(), /^Modelo por defecto: \d+ de \d+ cifras publicadas/);
  await page.emulateMedia({ media: "print" });
  await assertAllSpanish(page, "printed brief");
  assert.match(await page.getByTestId("brief").textContent(), /\d{1,2} de [a-z]+ de \d{4}/);
  await page.emulateMedia({ media: null });
  // The default case, then the longest comparison (a joint ATF–ICE case with export charges).
  for (const worst of [false, true]) {
    if (worst) {
      await page.selectOption("#field-mexico_nexus", "yes");
      await page.selectOption("#field-ice_joint_investigation", "yes");
    }
    for (const format of ["A4", "Letter"]) {
      const pdf = (await page.pdf({ format, printBackground: true })).toString("latin1");
      const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
      assert.equal(pages.length, 1, `${format}${worst ? ", joint ATF–ICE case" : ""}: ${pages.length} pages in Spanish`);
    }
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
