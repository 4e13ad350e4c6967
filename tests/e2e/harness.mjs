// Shared end-to-end harness: serves dist/ on 127.0.0.1 and launches Debian's Chromium through
// playwright-core, recording console errors and every request the page makes.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const DIST = resolve(fileURLToPath(new URL("../../dist", import.meta.url)));

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves a folder on 127.0.0.1 at a free port; resolves to { origin, close }. With `gzip`,
 * answers a client that accepts it with gzip -9 bodies, as a static host would.
 */
export async function serveDist(root = DIST, { gzip = false } = {}) {
  const compressed = new Map();
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      let body = await readFile(file);
      const headers = {
        "content-type": MIME[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      };
      if (gzip && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(body, { level: 9 }));
        body = compressed.get(file);
        Object.assign(headers, { "content-encoding": "gzip", vary: "accept-encoding" });
      }
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

// As root, Chromium needs --no-sandbox; the rest keep it from calling Google's services,
// which this machine's closed network refuses (and which would break the same-origin check).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Opens a page that records console errors, uncaught exceptions and every request URL.
 * Returns { page, context, consoleErrors, requests }.
 */
export async function openRecordedPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors = [];
  const requests = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  return { page, context, consoleErrors, requests };
}

/** Waits until the Yew app has mounted and rendered all of its main area (the panels below
 * the fold arrive in the task after the first paint). */
export async function waitForApp(page) {
  await page.waitForSelector("main#main[data-ready]", { timeout: 15000 });
}

/** Opens every fold on the page, and the folds inside them, and waits until what each holds
 * is on the page: a fold puts its contents there the first time it opens, one task later. */
export async function openEveryFold(page) {
  await page.evaluate(async () => {
    for (let round = 0; round < 6; round++) {
      const closed = [...document.querySelectorAll("details:not([open])")];
      if (closed.length === 0) break;
      for (const d of closed) d.open = true;
      // The toggle events, then the render they cause.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    }
  });
}

/** Opens the form's "More facts" fold (closed on a first visit), for tests that set the
 * facts in it. */
export async function showMoreFacts(page) {
  const fold = page.getByTestId("more-facts");
  if (!(await fold.evaluate((d) => d.open))) await fold.locator("> summary").click();
}

/**
 * Serves dist/ and launches Chromium once for a test file (node:test before/after hooks).
 * Returns an object whose `server` and `browser` are set once the hooks have run.
 */
export function servedBrowser() {
  const shared = { server: null, browser: null };
  before(async () => {
    shared.server = await serveDist();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}
