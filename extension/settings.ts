/** Typed access to the `ado.*` settings (declared in package.json `contributes.configuration`). */
import * as vscode from 'vscode';
import { defaultDataDir } from '../shared/client/local-daemon';

const section = () => vscode.workspace.getConfiguration('ado');

export const settings = {
  /** A Node ≥ 20 binary for the local daemon; empty means choose one (see daemon/node-runtime.ts). */
  nodePath: (): string | undefined => section().get<string>('daemon.nodePath')?.trim() || undefined,
  keepRunning: (): boolean => section().get<boolean>('daemon.keepRunning', false),
  dataDir: (): string => section().get<string>('daemon.dataDir')?.trim() || defaultDataDir(),
  /** 0 lets the daemon pick a free loopback port. */
  port: (): number => section().get<number>('daemon.port', 0),
  remoteUrl: (): string | undefined => section().get<string>('remote.url')?.trim() || undefined,
  setRemoteUrl: (url: string | undefined) => section().update('remote.url', url, vscode.ConfigurationTarget.Global),
  /** PEM file of a CA (or self-signed certificate) to trust for wss:// daemons. */
  remoteCaFile: (): string | undefined => section().get<string>('remote.caFile')?.trim() || undefined,
  languageServerEnabled: (): boolean => section().get<boolean>('languageServer.enable', true),
};
