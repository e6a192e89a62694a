// Stands in for VS Code's webview runtime in the browser tests: theme classes on <html> and <body>,
// and acquireVsCodeApi relaying to the test process (the extension host's stand-in) through a
// Playwright binding. State lives in sessionStorage, so a reload restores it as VS Code does.
(() => {
  const theme = new URLSearchParams(location.search).get('theme') || 'light';
  document.documentElement.classList.add(`vscode-${theme}`);
  document.body.classList.add(`vscode-${theme}`);
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called only once');
    acquired = true;
    return {
      postMessage: (message) => window.harnessToHost(message),
      getState: () => JSON.parse(sessionStorage.getItem('webview-state') || 'null') ?? undefined,
      setState: (state) => sessionStorage.setItem('webview-state', JSON.stringify(state)),
    };
  };
  window.harnessSetTheme = (next) => {
    for (const node of [document.documentElement, document.body]) {
      node.classList.remove(`vscode-light`, `vscode-dark`);
      node.classList.add(`vscode-${next}`);
    }
  };
  window.harnessCspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.harnessCspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`));
})();
