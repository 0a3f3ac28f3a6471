// The editor's providers on plans, loaded on their first request: each reads the store's PlanVersion
// of the document (one parse per version), asks core, and turns the plain data into VS Code's types.
import * as vscode from 'vscode';
import { planCompletions } from '../core/editor/completion';
import type { CompletionKind, EditorPlan } from '../core/editor/editorPlan';
import { planHover } from '../core/editor/hover';
import type { RenameRefusal } from '../core/editor/navigation';
import { planDefinition, planReferences, planRename, prepareRename, waveLinks } from '../core/editor/navigation';
import { toRange } from '../plans/convert';
import type { PlanStore } from '../plans/planStore';
import type { PlanVersion } from '../plans/planVersion';

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  value: vscode.CompletionItemKind.Value,
  enum: vscode.CompletionItemKind.EnumMember,
  agent: vscode.CompletionItemKind.User,
  wave: vscode.CompletionItemKind.Reference,
  section: vscode.CompletionItemKind.Snippet,
  field: vscode.CompletionItemKind.Field,
  task: vscode.CompletionItemKind.Issue,
  key: vscode.CompletionItemKind.Property,
};

/** What the editor features read of a plan version: each part computed once by the version. */
export function editorPlan(version: PlanVersion): EditorPlan {
  return { model: version.model, outline: version.outline, waves: version.waves, template: version.settings.template, roster: version.settings.config };
}

function position(p: vscode.Position): { line: number; character: number } {
  return { line: p.line, character: p.character };
}

export function provideCompletionItems(plans: PlanStore, document: vscode.TextDocument, at: vscode.Position): vscode.CompletionItem[] | undefined {
  const version = plans.plan(document);
  if (!version) return undefined;
  return planCompletions(editorPlan(version), position(at)).map((c) => {
    const item = new vscode.CompletionItem(c.label, KINDS[c.kind]);
    item.insertText = c.insertText;
    item.range = toRange(c.range);
    item.sortText = c.sortText;
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
    if (c.filterText) item.filterText = c.filterText;
    if (c.preselect) item.preselect = true;
    return item;
  });
}

export function provideHover(plans: PlanStore, document: vscode.TextDocument, at: vscode.Position): vscode.Hover | undefined {
  const version = plans.plan(document);
  const hover = version && planHover(editorPlan(version), position(at));
  // Not trusted and without HTML: text from the plan can neither run a command nor inject markup.
  return hover && new vscode.Hover(new vscode.MarkdownString(hover.contents), toRange(hover.range));
}

export function provideDefinition(plans: PlanStore, document: vscode.TextDocument, at: vscode.Position): vscode.LocationLink[] | undefined {
  const version = plans.plan(document);
  const found = version && planDefinition(editorPlan(version), position(at));
  if (!found) return undefined;
  const target = toRange(found.targetRange);
  return [{ originSelectionRange: toRange(found.range), targetUri: document.uri, targetRange: target, targetSelectionRange: target }];
}

export function provideReferences(plans: PlanStore, document: vscode.TextDocument, at: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
  const version = plans.plan(document);
  if (!version) return undefined;
  return planReferences(editorPlan(version), position(at), context.includeDeclaration).map((range) => new vscode.Location(document.uri, toRange(range)));
}

function refusal(code: RenameRefusal, newName?: string): Error {
  switch (code) {
    case 'not-renamable':
      return new Error(vscode.l10n.t('Only a wave (its heading or a reference to it) or an agent name can be renamed.'));
    case 'invalid-wave-name':
      return new Error(vscode.l10n.t('"{0}" is not a wave name: Wave and a number or letter, e.g. Wave 4.', newName ?? ''));
    case 'wave-exists':
      return new Error(vscode.l10n.t('A wave named "{0}" already exists in this plan.', newName ?? ''));
    case 'invalid-agent-name':
      return new Error(vscode.l10n.t('"{0}" is not an agent name: letters, digits, "-", "_" and "." only, e.g. schema-sync.', newName ?? ''));
  }
}

export function prepareRenameAt(plans: PlanStore, document: vscode.TextDocument, at: vscode.Position): { range: vscode.Range; placeholder: string } {
  const version = plans.plan(document);
  const result = version ? prepareRename(editorPlan(version), position(at)) : { refused: 'not-renamable' as const };
  if ('refused' in result) throw refusal(result.refused);
  return { range: toRange(result.range), placeholder: result.placeholder };
}

export function provideRenameEdits(plans: PlanStore, document: vscode.TextDocument, at: vscode.Position, newName: string): vscode.WorkspaceEdit {
  const version = plans.plan(document);
  const result = version ? planRename(editorPlan(version), position(at), newName) : { refused: 'not-renamable' as const };
  if ('refused' in result) throw refusal(result.refused, newName);
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(document.uri, toRange(e.range), e.newText);
  return edit;
}

export function provideDocumentLinks(plans: PlanStore, document: vscode.TextDocument): vscode.DocumentLink[] | undefined {
  const version = plans.plan(document);
  if (!version) return undefined;
  return waveLinks(version).map((link) => {
    // A fragment `L12` opens the document at that line (VS Code's opener reads it as a selection).
    const target = document.uri.with({ fragment: `L${link.targetLine + 1}` });
    const documentLink = new vscode.DocumentLink(toRange(link.range), target);
    documentLink.tooltip = vscode.l10n.t('Go to {0}', link.title);
    return documentLink;
  });
}
