# Installs what Threshold's build and tests need, skipping whatever is already present at the
# pinned version. Sourced by scripts/serve and scripts/test; not run on its own.
#
# Pins: trunk below; wasm-bindgen from Cargo.lock (Trunk.toml must agree); wasm-opt and
# playwright-core from package-lock.json; Chromium and ChromeDriver from Debian.

TRUNK_VERSION="0.21.14"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

say() { printf '[setup] %s\n' "$*" >&2; }

# The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust() {
  command -v cargo >/dev/null || { say "cargo not found: install Rust with rustup first"; return 1; }
  local installed
  installed="$(rustup component list --installed 2>/dev/null)"
  for component in rustfmt clippy; do
    grep -q "^$component" <<<"$installed" || { say "installing rustup component $component"; rustup component add "$component"; }
  done
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "installing Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then return 0; fi
  say "installing trunk $TRUNK_VERSION (about 3 minutes)"
  # A debug build without debug info compiles in a third of the time and produces the same dist.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install --debug --locked --quiet trunk --version "$TRUNK_VERSION"
}

ensure_wasm_bindgen_cli() {
  local want pinned
  want="$(locked_wasm_bindgen_version)"
  pinned="$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' "$ROOT/Trunk.toml")"
  if [ "$want" != "$pinned" ]; then
    say "Trunk.toml pins wasm_bindgen $pinned but Cargo.lock has $want: make them equal"
    return 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] &&
    [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" = "wasm-bindgen-test-runner $want" ]; then
    return 0
  fi
  say "installing wasm-bindgen-cli $want (about 3 minutes)"
  # No --locked: one of its locked dependencies is not on this registry mirror.
  cargo install --quiet --force wasm-bindgen-cli --version "$want"
}

ensure_npm_packages() {
  command -v npm >/dev/null || ensure_debian_packages nodejs npm
  local stamp="$ROOT/node_modules/.threshold-lock.sha256"
  local want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "installing npm packages from package-lock.json"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" >"$stamp"
}

ensure_build_tools() {
  ensure_rust && ensure_trunk && ensure_wasm_bindgen_cli && ensure_npm_packages
}

ensure_test_tools() {
  ensure_build_tools && ensure_debian_packages chromium chromium-driver
}
