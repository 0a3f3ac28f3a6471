// Completion and hover in `.connector-playbook.yaml` when the YAML extension, which reads the
// contributed JSON Schema, is not installed; loaded on the first request.
import * as vscode from 'vscode';
import { configCompletions, configHover } from '../core/editor/configEditing';
import { toRange } from '../plans/convert';

/** The YAML extension that completes and validates the file from the schema (yamlValidation). */
const YAML_EXTENSION_ID = 'redhat.vscode-yaml';

function yamlExtensionInstalled(): boolean {
  return vscode.extensions.getExtension(YAML_EXTENSION_ID) !== undefined;
}

export function provideConfigCompletionItems(document: vscode.TextDocument, at: vscode.Position): vscode.CompletionItem[] | undefined {
  if (yamlExtensionInstalled()) return undefined;
  return configCompletions(document.getText(), { line: at.line, character: at.character }).map((c) => {
    const item = new vscode.CompletionItem(c.label, c.kind === 'enum' ? vscode.CompletionItemKind.EnumMember : c.kind === 'agent' ? vscode.CompletionItemKind.User : vscode.CompletionItemKind.Property);
    item.insertText = c.insertText;
    item.range = toRange(c.range);
    item.sortText = c.sortText;
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
    return item;
  });
}

export function provideConfigHover(document: vscode.TextDocument, at: vscode.Position): vscode.Hover | undefined {
  if (yamlExtensionInstalled()) return undefined;
  const hover = configHover(document.getText(), { line: at.line, character: at.character });
  return hover && new vscode.Hover(new vscode.MarkdownString(hover.contents), toRange(hover.range));
}
