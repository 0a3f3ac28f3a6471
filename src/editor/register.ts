import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/defaults';
import { PLAN_COMPLETION_TRIGGERS, mayComplete } from '../core/editor/trigger';
import type { PlanStore } from '../plans/planStore';
import { refreshPreviewsOnSettings } from './markdownPreview';

type PlanFeatures = typeof import('./planLanguageFeatures');
type ConfigFeatures = typeof import('./configLanguageFeatures');

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };
const CONFIG: vscode.DocumentSelector = { pattern: `**/${CONFIG_FILE_NAME}` };

/**
 * Editor intelligence on plans (F9): completion, hover, definition, references, rename and links on
 * wave references, and completion and hover in `.connector-playbook.yaml`. The providers registered
 * here are stubs; their code loads on the first request for a plan.
 */
export function registerEditorIntelligence(_context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable {
  let planFeatures: Promise<PlanFeatures> | undefined;
  let configFeatures: Promise<ConfigFeatures> | undefined;
  // Nothing loads or parses for a markdown file that is not a plan.
  const onPlan = <T>(document: vscode.TextDocument, run: (features: PlanFeatures) => T): Promise<T | undefined> | undefined =>
    plans.isPlan(document) ? (planFeatures ??= import('./planLanguageFeatures')).then(run) : undefined;
  const onConfig = <T>(run: (features: ConfigFeatures) => T): Promise<T> => (configFeatures ??= import('./configLanguageFeatures')).then(run);
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(
      MARKDOWN,
      {
        provideCompletionItems: (document, position, _token, context) => {
          const trigger = context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter ? context.triggerCharacter : undefined;
          if (trigger !== undefined && !mayComplete(document.lineAt(position.line).text, position.character, trigger)) return undefined;
          return onPlan(document, (f) => f.provideCompletionItems(plans, document, position));
        },
      },
      ...PLAN_COMPLETION_TRIGGERS,
    ),
    vscode.languages.registerHoverProvider(MARKDOWN, { provideHover: (document, position) => onPlan(document, (f) => f.provideHover(plans, document, position)) }),
    vscode.languages.registerDefinitionProvider(MARKDOWN, { provideDefinition: (document, position) => onPlan(document, (f) => f.provideDefinition(plans, document, position)) }),
    vscode.languages.registerReferenceProvider(MARKDOWN, { provideReferences: (document, position, context) => onPlan(document, (f) => f.provideReferences(plans, document, position, context)) }),
    vscode.languages.registerRenameProvider(MARKDOWN, {
      prepareRename: (document, position) => onPlan(document, (f) => f.prepareRenameAt(plans, document, position)),
      provideRenameEdits: (document, position, newName) => onPlan(document, (f) => f.provideRenameEdits(plans, document, position, newName)),
    }),
    vscode.languages.registerDocumentLinkProvider(MARKDOWN, { provideDocumentLinks: (document) => onPlan(document, (f) => f.provideDocumentLinks(plans, document)) }),
    vscode.languages.registerCompletionItemProvider(CONFIG, { provideCompletionItems: (document, position) => onConfig((f) => f.provideConfigCompletionItems(document, position)) }, ' ', ':', '-', '['),
    vscode.languages.registerHoverProvider(CONFIG, { provideHover: (document, position) => onConfig((f) => f.provideConfigHover(document, position)) }),
    refreshPreviewsOnSettings(plans),
  );
}
