// Inlines a release dist/ into one HTML file that runs opened from file:// (a USB stick at a
// briefing): the stylesheet, the icon, the wasm-bindgen glue and the WebAssembly as base64.
//
// Usage: node scripts/offline/single-file.mjs DIST OUT.html
// Fails, naming what it missed, when dist/ is not the shape Trunk's release build gives.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fail, withPolicy } from "./csp.mjs";

/** The one match of `pattern` in `html`, or a failure naming `what`. */
function only(html, pattern, what) {
  const found = [...html.matchAll(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`))];
  if (found.length !== 1) fail(`expected one ${what} in dist/index.html, found ${found.length}`);
  return found[0];
}

/** `text` may go inside <tag>…</tag> as it is: nothing in it closes the element early. */
function embeddable(text, tag, what) {
  if (new RegExp(`</${tag}`, "i").test(text)) fail(`${what} contains "</${tag}": it cannot be inlined`);
  return text;
}

export async function singleFile(dist) {
  const read = (file, encoding) => readFile(join(dist, file), encoding).catch(() => fail(`dist/ has no ${file}`));
  let html = await read("index.html", "utf8");
  if (html.includes(".well-known/trunk/ws")) fail("dist/ was written by trunk serve (it has the reload script): build it with trunk build --release");

  // Trunk's loader: `import init, * as bindings from './X.js'` then `init({ module_or_path: './X_bg.wasm' })`.
  const loader = only(html, /<script type="module">([\s\S]*?)<\/script>\n?/, "inline module script (Trunk's loader)");
  const glueFile = only(loader[1], /from '\.\/([\w.-]+\.js)'/, "glue import in the loader")[1];
  const wasmFile = only(loader[1], /module_or_path: '\.\/([\w.-]+\.wasm)'/, "wasm path in the loader")[1];
  const glue = await read(glueFile, "utf8");
  if (/^\s*import\b/m.test(glue)) fail(`${glueFile} imports other files (wasm-bindgen snippets?): they would need inlining too`);
  const init = only(glue, /^export \{[^}]*\b(\w+) as default\b[^}]*\};?$/m, "default export (the init function) in the glue")[1];
  const wasm = await read(wasmFile);
  // The glue stays a module as it is; init is given the bytes, so nothing is fetched.
  const script =
    `${embeddable(glue, "script", glueFile)}\n{\n` +
    `  const text = atob("${wasm.toString("base64")}");\n` +
    "  const bytes = new Uint8Array(text.length);\n" +
    "  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);\n" +
    `  await ${init}({ module_or_path: bytes });\n}\n`;
  html = html.replace(loader[0], () => `<script type="module">${script}</script>\n`);

  // The preloads would fetch files this page does not have.
  html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, "");
  const sheet = only(html, /<link rel="stylesheet" href="\.\/([\w.-]+\.css)"[^>]*\/?>/, "stylesheet link");
  const css = embeddable(await read(sheet[1], "utf8"), "style", sheet[1]);
  html = html.replace(sheet[0], () => `<style>${css}</style>`);
  const icon = only(html, /<link rel="icon" href="([\w.-]+\.svg)"/, "SVG icon link");
  const iconData = `data:image/svg+xml;base64,${(await read(icon[1])).toString("base64")}`;
  html = html.replace(icon[0], () => icon[0].replace(icon[1], iconData));
  // No origin, no service worker: the registration mark goes.
  html = html.replace(/^[ \t]*<meta name="threshold-service-worker"[^>]*>\n/m, "");

  const leftover = html.match(/<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?!data:)[^"]*"/i);
  if (leftover) fail(`the single file would still load a file: ${leftover[0]}`);
  return withPolicy(html, { served: false });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dist, out] = process.argv.slice(2);
  if (!dist || !out) {
    console.error("usage: node scripts/offline/single-file.mjs DIST OUT.html");
    process.exit(2);
  }
  try {
    const { html } = await singleFile(dist);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, html);
    console.log(`[single-file] ${out}: ${Buffer.byteLength(html)} bytes`);
  } catch (error) {
    console.error(`[single-file] ${error.message}`);
    process.exit(1);
  }
}
