#!/usr/bin/env bash
# `npm run test:vscode`: the extension in a real VS Code (code-server, offline), driven by Playwright.
#   1. package the .vsix and install it into a fresh code-server profile;
#   2. start code-server on loopback (HOME and all state in a scratch dir);
#   3. UI test (test/vscode/ui.e2e.js): runs view welcome, squiggle, Problems entry, quick fix,
#      starting the daemon and submitting a run by clicking;
#   4. webview panels (test/vscode/panels.ui.js): config editor round trip, live dashboard, reload;
#   5. in-host tests (test/vscode/host/index.js) against the installed extension: daemon, runs, attach.
# Needs `npm run setup:e2e` first. Prints `N passed, N failed` per suite and exits non-zero on failure.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
source "$REPO/scripts/e2e/paths.sh"
[ -x "$CODE_SERVER" ] && [ -x "$NODE24/bin/node" ] || { echo "code-server is not installed; run: npm run setup:e2e" >&2; exit 1; }

SCRATCH=${ADO_E2E_SCRATCH:-$(mktemp -d "${TMPDIR:-/tmp}/ado-vscode-e2e.XXXXXX")}
# A scratch dir made here goes when the script ends (its logs are copied to test-artifacts first);
# one given in ADO_E2E_SCRATCH stays.
remove_scratch() { [ -n "${ADO_E2E_SCRATCH:-}" ] || rm -rf "$SCRATCH"; }
trap remove_scratch EXIT
ARTIFACTS=$REPO/test-artifacts/vscode
PORT=${ADO_E2E_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
started=$(date +%s)
step() { echo "[test:vscode +$(( $(date +%s) - started ))s] $*"; }

rm -rf "$ARTIFACTS" "$SCRATCH"/{extensions,user-data,home,ui-workspace,panels-workspace,host-workspace}
mkdir -p "$ARTIFACTS" "$SCRATCH"/{extensions,user-data/User,user-data/Machine,home,ado-data}
# One copy per suite: a window restores the unsaved edits of the last session in the same folder.
for suite in ui panels host; do cp -r "$REPO/test/vscode/workspace" "$SCRATCH/$suite-workspace"; done
# ado.daemon.* settings are machine-scoped: in code-server's remote window only the Machine file counts.
cat > "$SCRATCH/user-data/Machine/settings.json" <<JSON
{ "ado.daemon.dataDir": "$SCRATCH/ado-data" }
JSON
cat > "$SCRATCH/user-data/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none", "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden", "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "telemetry.telemetryLevel": "off", "security.workspace.trust.enabled": false
}
JSON
# code-server and Chromium write under ~ (config.yaml, device id, crash reports): keep that out of the real home.
export HOME=$SCRATCH/home

VSIX=$SCRATCH/ado-studio.vsix
(cd "$REPO" && node scripts/build.mjs && node scripts/package-vsix.mjs --out "$VSIX" > "$SCRATCH/package.log") \
  || { cat "$SCRATCH/package.log"; exit 1; }
step "packaged $(du -h "$VSIX" | cut -f1) .vsix"
# The test scripts run on the system Node, with playwright-core from the repository.
SYSTEM_NODE=$(command -v node)
# code-server's bin is `#!/usr/bin/env node` and must run on Node 24; the daemon the extension
# spawns then finds Node 24 as `node` too.
export PATH=$NODE24/bin:$PATH
"$CODE_SERVER" --extensions-dir "$SCRATCH/extensions" --user-data-dir "$SCRATCH/user-data" --install-extension "$VSIX" > "$SCRATCH/install.log"
EXTENSION_DIR=$(echo "$SCRATCH"/extensions/ado-studio.ado-studio-*)
step "installed into $EXTENSION_DIR"

setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --vscode-option enable-smoke-test-driver \
  --extensions-dir "$SCRATCH/extensions" --user-data-dir "$SCRATCH/user-data" \
  > "$SCRATCH/code-server.log" 2>&1 &
SERVER_PID=$!
# A daemon left by a failed test would keep training, and the next suite's window would attach to
# it; daemon.json names it. SIGTERM checkpoints its runs; the wait lets it remove daemon.json.
end_leftover_daemon() {
  [ -f "$SCRATCH/ado-data/daemon.json" ] || return 0
  local pid
  pid=$(node -e "console.log(require('$SCRATCH/ado-data/daemon.json').pid)")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}
stop_everything() {
  kill -- "-$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  end_leftover_daemon
  cp "$SCRATCH/code-server.log" "$SCRATCH/ado-data/daemon.log" "$ARTIFACTS/" 2>/dev/null || true
  remove_scratch
}
trap stop_everything EXIT
for _ in $(seq 150); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SCRATCH/code-server.log"; exit 1; }
  sleep 0.2
done
step "code-server listening on 127.0.0.1:$PORT"

status=0
step "UI test"
"$SYSTEM_NODE" "$REPO/test/vscode/ui.e2e.js" "http://127.0.0.1:$PORT/?folder=$SCRATCH/ui-workspace" "$ARTIFACTS" || status=1
end_leftover_daemon
step "webview panels"
"$SYSTEM_NODE" "$REPO/test/vscode/panels.ui.js" "http://127.0.0.1:$PORT/?folder=$SCRATCH/panels-workspace" "$ARTIFACTS" || status=1
end_leftover_daemon
step "extension-host tests"
"$SYSTEM_NODE" "$REPO/test/vscode/devhost.e2e.js" "http://127.0.0.1:$PORT" "$SCRATCH/host-workspace" "$EXTENSION_DIR" \
  "$REPO/test/vscode/host/index.js" "$ARTIFACTS" || status=1
step "done; screenshots and logs in test-artifacts/vscode"
exit $status
