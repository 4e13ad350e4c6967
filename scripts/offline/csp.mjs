// The page's Content-Security-Policy: hashes of the inline scripts and styles an HTML file
// needs, the policy built from them, and its <meta> written into the file.
import { createHash } from "node:crypto";

/** Stops a build: the page is not the shape these scripts know how to make safe. */
export function fail(message) {
  throw new Error(message);
}

export const sha256Base64 = (text) => createHash("sha256").update(text, "utf8").digest("base64");

const hashSource = (text) => `'sha256-${sha256Base64(text)}'`;

/**
 * The inline scripts and styles of a page, as the browser hashes them: the exact text between
 * the tags. Scripts with a `src` are left to the policy's sources.
 */
export function inlineBlocks(html) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter(([, attributes]) => !/\bsrc\s*=/i.test(attributes))
    .map(([, , body]) => body);
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map(([, body]) => body);
  return { scripts, styles };
}

/**
 * Refuses markup a hash cannot allow: a style or event-handler attribute would need
 * 'unsafe-inline' (or 'unsafe-hashes'), which the policy must never contain.
 */
export function checkNoInlineAttributes(html) {
  const tags = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "");
  const found = tags.match(/<[a-z][^>]*\s(style|on[a-z]+)\s*=/i);
  if (found) fail(`inline ${found[1]}= attribute in the page; the CSP would block it: ${found[0]}`);
}

/**
 * The policy for a page. `served`: the dist, which loads its script, stylesheet, icon and
 * WebAssembly from its own origin; otherwise the single file, which loads nothing at all.
 */
export function policy(html, { served }) {
  checkNoInlineAttributes(html);
  const { scripts, styles } = inlineBlocks(html);
  const self = served ? ["'self'"] : [];
  const directives = [
    ["default-src", served ? "'self'" : "'none'"],
    ["script-src", ...self, "'wasm-unsafe-eval'", ...scripts.map(hashSource)],
    ["style-src", ...self, ...styles.map(hashSource)],
    // The single file carries its icon as a data: URL.
    ["img-src", ...(served ? ["'self'"] : ["data:"])],
    ["connect-src", served ? "'self'" : "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
  ];
  for (const directive of directives) {
    if (directive.length === 1) directive.push("'none'");
  }
  const text = directives.map((words) => words.join(" ")).join("; ");
  if (/'unsafe-(inline|eval|hashes)'/.test(text)) {
    fail(`the policy would allow inline code: ${text}`);
  }
  return text;
}

const META = /^[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>\n/im;

/**
 * Writes the policy as the first <meta> after the charset, before any script or style, so
 * it governs them all; a policy already there (a second run over the same page) is replaced.
 */
export function withPolicy(html, options) {
  const bare = html.replace(META, "");
  const charset = bare.match(/^([ \t]*)<meta charset="utf-8"\s*\/?>\n/im);
  if (!charset) fail('no <meta charset="utf-8"> line to put the Content-Security-Policy after');
  const text = policy(bare, options);
  const at = charset.index + charset[0].length;
  const meta = `${charset[1]}<meta http-equiv="Content-Security-Policy" content="${text}" />\n`;
  return { html: bare.slice(0, at) + meta + bare.slice(at), policy: text };
}
