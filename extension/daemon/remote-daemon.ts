/**
 * Remote daemons (`ado daemon --host … --tls-cert …` on a cluster): the URL lives in the
 * `ado.remote.url` setting, the token in SecretStorage, never in settings or URLs.
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { settings } from '../settings';
import { notifyConnectionFailure } from './connection-failures';
import { DaemonConnection, type DaemonEndpoint } from './daemon-connection';
import type { DaemonRegistry } from './daemon-registry';

const tokenKey = (url: string) => `ado.remote.token:${url}`;

/** What a script or test may pass to the attach command instead of being prompted. */
export interface AttachArguments {
  url?: string;
  token?: string;
}

export class RemoteDaemon {
  constructor(private readonly secrets: vscode.SecretStorage, private readonly registry: DaemonRegistry) {}

  async attach(given: AttachArguments = {}): Promise<DaemonConnection | undefined> {
    const url = given.url ?? (await askForUrl());
    if (!url) return undefined;
    const stored = await this.secrets.get(tokenKey(url));
    const typed = given.token ?? (await askForToken(stored !== undefined));
    if (typed === undefined) return undefined;
    const token = typed || stored;
    if (!token) return undefined;
    const connection = await this.open(url, token);
    if (!connection) return undefined;
    await this.secrets.store(tokenKey(url), token);
    await settings.setRemoteUrl(url);
    this.registry.add(connection);
    return connection;
  }

  /** Attaches again, at activation, to the daemon of the last session, when its token is stored. */
  async restore(): Promise<void> {
    const url = settings.remoteUrl();
    const token = url && (await this.secrets.get(tokenKey(url)));
    if (!url || !token || this.registry.get('remote')) return;
    const connection = await this.open(url, token);
    if (connection) this.registry.add(connection);
  }

  /** Detaches and forgets the URL, so the next window does not attach again; the token stays for a later attach. */
  async detach(): Promise<void> {
    this.registry.remove('remote');
    await settings.setRemoteUrl(undefined);
  }

  private async open(url: string, token: string): Promise<DaemonConnection | undefined> {
    const endpoint: DaemonEndpoint = { kind: 'remote', url, token };
    try {
      endpoint.ca = trustedCa();
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `ADO Studio: attaching to ${url}…` },
        () => DaemonConnection.open(endpoint),
      );
    } catch (error) {
      void notifyConnectionFailure(error, endpoint);
      return undefined;
    }
  }
}

function trustedCa(): Buffer | undefined {
  const file = settings.remoteCaFile();
  return file ? readFileSync(file) : undefined;
}

async function askForUrl(): Promise<string | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'Attach to Remote Daemon',
    prompt: 'The daemon\'s URL, as printed by "ado daemon"',
    value: settings.remoteUrl() ?? 'wss://',
    ignoreFocusOut: true,
    validateInput: (value) => (/^wss?:\/\/[^/\s]+/.test(value.trim()) ? undefined : 'Enter a ws:// or wss:// URL, e.g. wss://login-node:8765'),
  });
  return url?.trim();
}

async function askForToken(haveStored: boolean): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Attach to Remote Daemon',
    prompt: haveStored
      ? 'Token (leave empty to use the one stored for this URL)'
      : 'Token: the contents of <data dir>/token on the daemon\'s machine',
    password: true,
    ignoreFocusOut: true,
  });
}
