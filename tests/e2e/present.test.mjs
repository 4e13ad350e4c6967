// Presentation mode: the story's findings one per screen, stepped with the keyboard, each
// figure the engine's; Escape returns to the workspace with focus on the button.
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

test("the presentation steps forward and back with the keyboard and leaves with Escape", async () => {
  const { page, context, consoleErrors } = await openRecordedPage(served.browser, { width: 1280, height: 720 });
  await page.goto(`${served.server.origin}/`);
  await waitForApp(page);
  const acceptance = (await page.getByTestId("acceptance-probability").textContent()).trim();
  await page.getByTestId("present").click();
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
  const before = await page.getByTestId("slide-figure").textContent();
  await page.getByTestId("slide-next").click();
  assert.equal(await page.getByTestId("slide").getAttribute("data-slide"), "threshold");
  await page.getByTestId("slide-previous").click();
  assert.equal(await page.getByTestId("slide").getAttribute("data-slide"), "declined");
  assert.ok(await page.getByTestId("slide-previous").isDisabled());
  await page.getByTestId("slide-exit").click();
  await page.fill("#param-sentence_weight", "3");
  await page.getByTestId("present").click();
  assert.notEqual(await page.getByTestId("slide-figure").textContent(), before);
  assert.match(await page.getByTestId("slide").textContent(), /assumptions you edited/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
