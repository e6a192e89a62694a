/**
 * The webview's handle on VS Code. acquireVsCodeApi may be called only once per page, so every
 * module goes through this one typed wrapper.
 */
export interface WebviewApi<State, Outgoing> {
  postMessage(message: Outgoing): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): WebviewApi<unknown, unknown>;

let api: WebviewApi<unknown, unknown> | undefined;

export function webviewApi<State, Outgoing>(): WebviewApi<State, Outgoing> {
  api ??= acquireVsCodeApi();
  return api as WebviewApi<State, Outgoing>;
}

/** Messages from the extension host, typed by the panel's protocol. */
export function onHostMessage<Incoming>(listener: (message: Incoming) => void): void {
  window.addEventListener('message', (event: MessageEvent<Incoming>) => listener(event.data));
}
