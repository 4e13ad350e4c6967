// Threshold's service worker: keeps this build's files so the app opens and computes offline.
// scripts/offline/post-build.mjs fills in BUILD; one build's files live in one cache.
const BUILD = /* BUILD */ { cache: "threshold-unbuilt", files: [] } /* /BUILD */;

const scope = new URL(self.registration.scope);
const absolute = (path) => new URL(path, scope).href;
const PRECACHED = new Set(BUILD.files.map(absolute));
const INDEX = absolute("./index.html");

// A redirected response may not answer a navigation, and some hosts redirect index.html to
// its folder: keep the body and headers, drop the redirect.
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, headers: response.headers });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(BUILD.cache);
      for (const path of BUILD.files) {
        // "no-cache": checked with the server, so never an older index.html than the one this
        // list was made with (its hashed file names would be missing), yet a file the page has
        // just downloaded comes back as a 304, not a second download, where the server says so.
        const response = await fetch(new Request(absolute(path), { cache: "no-cache" }));
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        await cache.put(absolute(path), await storable(response));
      }
      // A new build takes over at once; its page reloads nothing it has not cached.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("threshold-") && name !== BUILD.cache) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // A share link's #v1.… fragment never reaches a server, but it does reach this worker:
  // the app's own address with any fragment or query is the cached index.html. Other
  // navigations, and files of no build, go to the network as usual.
  url.hash = "";
  url.search = "";
  const isAppPage = request.mode === "navigate" && (url.href === scope.href || url.href === INDEX);
  const key = isAppPage ? INDEX : PRECACHED.has(url.href) ? url.href : null;
  if (key === null) return;
  event.respondWith(
    caches
      .open(BUILD.cache)
      .then((cache) => cache.match(key))
      .then((cached) => cached ?? fetch(request)),
  );
});
