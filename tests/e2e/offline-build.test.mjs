// The offline build scripts without a browser: the post-build hook's choices per kind of
// build, its cache names, and the single-file inliner refusing a dist it does not know.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, readdir, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST } from "./harness.mjs";
import { postBuild } from "../../scripts/offline/post-build.mjs";
import { singleFile } from "../../scripts/offline/single-file.mjs";

let root;
let count = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "threshold-offline-"));
});
after(() => rm(root, { recursive: true, force: true }));

/** A fresh copy of the release dist/ to change. */
async function copyOfDist() {
  count += 1;
  const dir = join(root, String(count));
  await cp(DIST, dir, { recursive: true });
  return dir;
}

const read = (dir, file) => readFile(join(dir, file), "utf8");
const quiet = async (work) => {
  const log = console.log;
  console.log = () => {};
  try {
    return await work();
  } finally {
    console.log = log;
  }
};

test("a release build gets the CSP, the registration mark and a worker precaching every other file", async () => {
  const dir = await copyOfDist();
  const { policy, build } = await quiet(() => postBuild(dir, "release"));
  const html = await read(dir, "index.html");
  assert.equal(html.match(/http-equiv="Content-Security-Policy"/g).length, 1, "run twice, still one policy");
  assert.ok(html.includes(policy));
  assert.match(html, /<meta name="threshold-service-worker" content="sw.js" \/>/);
  const files = (await readdir(dir)).filter((f) => f !== "sw.js").map((f) => `./${f}`).sort();
  assert.deepEqual(build.files, files);
  assert.ok((await read(dir, "sw.js")).includes(JSON.stringify(build)));
});

test("the cache name follows the files' contents: same build, same name; one byte changed, a new one", async () => {
  const dir = await copyOfDist();
  const first = (await quiet(() => postBuild(dir, "release"))).build.cache;
  assert.equal((await quiet(() => postBuild(dir, "release"))).build.cache, first);
  await writeFile(join(dir, "favicon.svg"), `${await read(dir, "favicon.svg")} `);
  assert.notEqual((await quiet(() => postBuild(dir, "release"))).build.cache, first);
});

test("a debug build gets the CSP but no service worker; trunk serve's reload page gets neither", async () => {
  const debug = await copyOfDist();
  await quiet(() => postBuild(debug, "debug"));
  assert.ok(!(await readdir(debug)).includes("sw.js"));
  const html = await read(debug, "index.html");
  assert.doesNotMatch(html, /threshold-service-worker/);
  assert.match(html, /http-equiv="Content-Security-Policy"/);

  const serve = await copyOfDist();
  const page = (await read(serve, "index.html"))
    .replace(/^.*(Content-Security-Policy|threshold-service-worker).*\n/gm, "")
    .replace("</body>", "<script>new WebSocket('ws://' + location.host + '/.well-known/trunk/ws');</script></body>");
  await writeFile(join(serve, "index.html"), page);
  await unlink(join(serve, "sw.js"));
  const result = await quiet(() => postBuild(serve, "release"));
  assert.deepEqual(result, { policy: null, build: null });
  assert.equal(await read(serve, "index.html"), page);
  assert.ok(!(await readdir(serve)).includes("sw.js"));
});

test("markup the CSP would block (a style or onclick attribute) stops the build", async () => {
  for (const attribute of ['style="color: red"', 'onclick="go()"']) {
    const dir = await copyOfDist();
    const html = await read(dir, "index.html");
    await writeFile(join(dir, "index.html"), html.replace("<body>", `<body ${attribute}>`));
    await assert.rejects(postBuild(dir, "release"), /inline (style|onclick)= attribute/);
  }
});

test("the single-file inliner refuses a dist that is not a release build's shape", async () => {
  const missing = await copyOfDist();
  const wasm = (await readdir(missing)).find((f) => f.endsWith(".wasm"));
  await unlink(join(missing, wasm));
  await assert.rejects(singleFile(missing), new RegExp(`dist/ has no ${wasm.replace(".", "\\.")}`));

  const served = await copyOfDist();
  const html = await read(served, "index.html");
  await writeFile(join(served, "index.html"), html.replace("</body>", "<script>'/.well-known/trunk/ws'</script></body>"));
  await assert.rejects(singleFile(served), /trunk serve/);

  const twice = await copyOfDist();
  const loader = html.match(/<script type="module">[\s\S]*?<\/script>/)[0];
  await writeFile(join(twice, "index.html"), html.replace(loader, loader + loader));
  await assert.rejects(singleFile(twice), /expected one inline module script .*found 2/);

  const { html: single, policy } = await singleFile(await copyOfDist());
  assert.doesNotMatch(single, /<link rel="(stylesheet|modulepreload|preload)"|threshold-service-worker/);
  assert.match(policy, /^default-src 'none'; script-src 'wasm-unsafe-eval' 'sha256-[^']+'; style-src 'sha256-[^']+';/);
});
