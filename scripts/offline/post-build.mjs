// Trunk post_build hook: writes the Content-Security-Policy into the staged index.html and,
// for release builds, the service worker (sw.js) that precaches exactly this build's files.
//
// Usage: run by Trunk with TRUNK_STAGING_DIR and TRUNK_PROFILE set; or by hand,
// `node scripts/offline/post-build.mjs DIR [release|debug]`, over a folder shaped like dist/.
import { createHash } from "node:crypto";
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { fail, withPolicy } from "./csp.mjs";

export const SERVICE_WORKER = "sw.js";
const TEMPLATE = fileURLToPath(new URL("./sw.template.js", import.meta.url));
const REGISTER_META = /^[ \t]*<meta name="threshold-service-worker" content="[^"]*"\s*\/?>\n/im;
const BUILD_SLOT = /\/\* BUILD \*\/[\s\S]*?\/\* \/BUILD \*\//;

async function filesBelow(root, dir = root) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesBelow(root, path)));
    else found.push(relative(root, path).split(sep).join("/"));
  }
  return found.sort();
}

/**
 * The service worker for the files in `dir`: its precache list and a cache name hashed from
 * every file's name and contents, so any change to the build gets a new cache.
 */
export async function serviceWorker(dir) {
  const files = (await filesBelow(dir)).filter((file) => file !== SERVICE_WORKER);
  if (!files.includes("index.html")) fail(`${dir} has no index.html to cache`);
  const digest = createHash("sha256");
  for (const file of files) {
    const content = createHash("sha256").update(await readFile(join(dir, file))).digest("hex");
    digest.update(`${file} ${content}\n`);
  }
  const build = { cache: `threshold-${digest.digest("hex").slice(0, 16)}`, files: files.map((f) => `./${f}`) };
  const template = await readFile(TEMPLATE, "utf8");
  if (!BUILD_SLOT.test(template)) fail(`${TEMPLATE} has lost its /* BUILD */ slot`);
  return { build, source: template.replace(BUILD_SLOT, () => `/* BUILD */ ${JSON.stringify(build)} /* /BUILD */`) };
}

/** Marks the page for registration (src/offline.rs reads it), or takes the mark away. */
function withRegistration(html, register) {
  const bare = html.replace(REGISTER_META, "");
  if (!register) return bare;
  const viewport = bare.match(/^([ \t]*)<meta name="viewport"[^>]*>\n/im);
  if (!viewport) fail("no viewport <meta> line to put the service-worker mark after");
  const at = viewport.index + viewport[0].length;
  return `${bare.slice(0, at)}${viewport[1]}<meta name="threshold-service-worker" content="${SERVICE_WORKER}" />\n${bare.slice(at)}`;
}

export async function postBuild(dir, profile) {
  const indexPath = join(dir, "index.html");
  const html = await readFile(indexPath, "utf8");
  // `trunk serve` adds an inline reload script that it rewrites on every response, so no
  // hash can allow it; and a service worker there would serve yesterday's build after each
  // rebuild. Such a page gets neither: it is for development only.
  if (html.includes(".well-known/trunk/ws")) {
    console.log("[post-build] trunk serve's reload script found: no CSP and no service worker in this build");
    return { policy: null, build: null };
  }
  const register = profile === "release";
  const { html: page, policy } = withPolicy(withRegistration(html, register), { served: true });
  await writeFile(indexPath, page);
  if (!register) {
    await rm(join(dir, SERVICE_WORKER), { force: true });
    console.log(`[post-build] CSP written; no service worker in a ${profile} build`);
    return { policy, build: null };
  }
  const { build, source } = await serviceWorker(dir);
  await writeFile(join(dir, SERVICE_WORKER), source);
  console.log(`[post-build] CSP written; ${SERVICE_WORKER} precaches ${build.files.length} files in ${build.cache}`);
  return { policy, build };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  const profile = process.argv[3] ?? process.env.TRUNK_PROFILE ?? "release";
  if (!dir) {
    console.error("[post-build] no folder: run from Trunk (TRUNK_STAGING_DIR) or give one");
    process.exit(2);
  }
  try {
    await postBuild(dir, profile);
  } catch (error) {
    console.error(`[post-build] ${error.message}`);
    process.exit(1);
  }
}
