// Starts the caseload worker. The page may post a job before the WebAssembly is ready, and a
// message that finds no handler is lost: keep them, and hand them over once the worker's
// main has set its own handler.
const early = [];
self.onmessage = (message) => early.push(message);
importScripts("./threshold-worker.js");
wasm_bindgen({ module_or_path: "./threshold-worker_bg.wasm" }).then(() => {
  for (const message of early.splice(0)) self.onmessage(message);
});
