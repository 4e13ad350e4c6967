// The page's number formats (src/units.rs) and the `threshold` command, so end-to-end tests
// can compare what the page shows with what the engine prints.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

/** One decimal at most, thousands separated: 1,000,000 or 12.5. */
export function number(value) {
  const rounded = Math.round(value * 10) / 10;
  const [whole, tenths] = Math.abs(rounded).toFixed(1).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (rounded < 0 ? "-" : "") + grouped + (tenths === "0" ? "" : `.${tenths}`);
}

export const months = (v) => (number(v) === "1" ? "1 month" : `${number(v)} months`);

export function percent(p) {
  const v = Math.min(Math.max(p, 0), 1) * 100;
  if (v > 0 && v < 0.5) return "<1%";
  if (v < 100 && v > 99.5) return ">99%";
  return `${Math.round(v)}%`;
}

/** A guideline range; `max: null` is life (470 months stands for a life-only range). */
export function monthRange({ min, max }) {
  if (max === null) return min >= 470 ? "life" : `${number(min)} months–life`;
  return max === min ? months(min) : `${number(min)}–${number(max)} months`;
}

/** A mean with its 90% interval, as the caseload table shows it. */
export const interval = (i) => `${number(i.mean)} (${number(i.p5)}–${number(i.p95)})`;

/**
 * A caseload cell: the interval over chance and assumptions, and under it the one over
 * chance alone, as the table shows them.
 */
export const cell = (full, chance) => `${interval(full)}chance alone: ${number(chance.p5)}–${number(chance.p95)}`;

/** Runs `threshold ARGS…` (with `input` on stdin) and returns what it printed. */
export function thresholdText(args, input = "") {
  return execFileSync(
    "cargo",
    ["run", "-q", "-p", "threshold-engine", "--bin", "threshold", "--", ...args],
    { input, encoding: "utf8" },
  );
}

/** Runs `threshold ARGS…` (with `input` on stdin) and parses its JSON output. */
export const threshold = (args, input = "") => JSON.parse(thresholdText(args, input));

/** What `threshold evaluate` prints for a case (the CLI is the reference). */
export const cliEvaluate = (caseJson) => threshold(["evaluate", "-"], JSON.stringify(caseJson));

/** Asserts that the page shows the figures of an evaluation the CLI printed. */
export async function expectShown(page, evaluation, label) {
  const text = async (id) => (await page.getByTestId(id).textContent()).trim();
  assert.equal(await text("offense-level"), String(evaluation.offense_level), `${label}: level`);
  assert.equal(await text("guideline-range"), monthRange(evaluation.guideline_range_months), `${label}: range`);
  assert.equal(await text("zone"), evaluation.zone, `${label}: zone`);
  const sentence = evaluation.expected_sentence_months;
  assert.equal(await text("expected-median"), months(sentence.median), `${label}: median`);
  assert.equal(await text("expected-mean"), months(sentence.mean), `${label}: mean`);
  assert.equal(
    await text("expected-band"),
    `${number(sentence.p10)}–${months(sentence.p90)}`,
    `${label}: 10th–90th`,
  );
  // The command prints chances to three decimals, so the app's exact chance is within half a
  // thousandth of it: at a rounding boundary (0.905) either whole percent is right.
  const chance = async (id, p, what) => {
    const shown = await text(id);
    const allowed = new Set([percent(p - 0.0005), percent(p), percent(p + 0.0005)]);
    assert.ok(allowed.has(shown), `${label}: ${what}: ${shown} for ${p}`);
  };
  await chance("acceptance-probability", evaluation.acceptance_probability, "acceptance");
  await chance("conviction-probability", evaluation.conviction_probability, "conviction");
  assert.equal(
    await text("months-per-referral"),
    months(evaluation.expected_prison_months_per_referral),
    `${label}: months per referral`,
  );
}
