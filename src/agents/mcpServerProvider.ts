import * as vscode from 'vscode';
import { McpServerProviders } from '../constants';

/**
 * The MCP server definitions the extension offers: `connector-playbook mcp --root <folder>` for each
 * workspace folder on disk, run with the editor's own Node. None in an untrusted workspace (nothing
 * runs there) or where no local process can run (web, virtual folders).
 */
export function mcpServerDefinitions(cliPath: string, version: string): vscode.McpStdioServerDefinition[] {
  if (!vscode.workspace.isTrusted) return [];
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  return folders.map((folder) => {
    const label = folders.length > 1 ? vscode.l10n.t('Connector Playbook: {0}', folder.name) : vscode.l10n.t('Connector Playbook');
    // The editor's Node: Electron's binary acts as Node with ELECTRON_RUN_AS_NODE, plain Node ignores it.
    const definition = new vscode.McpStdioServerDefinition(label, process.execPath, [cliPath, 'mcp', '--root', folder.uri.fsPath], { ELECTRON_RUN_AS_NODE: '1' }, version);
    definition.cwd = folder.uri;
    return definition;
  });
}

/** Offers the MCP server to VS Code where a local process can run it. */
export function registerMcpServerProvider(context: vscode.ExtensionContext): vscode.Disposable & { definitions(): vscode.McpStdioServerDefinition[] } {
  const canRun = typeof process !== 'undefined' && typeof process.execPath === 'string' && context.extensionUri.scheme === 'file' && typeof vscode.lm.registerMcpServerDefinitionProvider === 'function';
  if (!canRun) return Object.assign(new vscode.Disposable(() => undefined), { definitions: () => [] });
  // Only a `file:` extension folder is a path a process can be given.
  const cliPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  const version = String(context.extension.packageJSON.version ?? '');
  const changed = new vscode.EventEmitter<void>();
  const definitions = () => mcpServerDefinitions(cliPath, version);
  const registrations = vscode.Disposable.from(
    changed,
    vscode.lm.registerMcpServerDefinitionProvider(McpServerProviders.plans, { onDidChangeMcpServerDefinitions: changed.event, provideMcpServerDefinitions: definitions }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
  );
  return Object.assign(registrations, { definitions });
}
