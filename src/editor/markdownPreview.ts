import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { PlanPreview } from '../core/editor/preview';
import type { PlanStore } from '../plans/planStore';

type Preview = typeof import('../core/editor/preview');

// VS Code's markdown extension calls extendMarkdownIt synchronously and renders with
// `env.currentDocument`, the previewed document's URI. The plugin's rules are added to that
// markdown-it once their code has loaded (previews are then refreshed); at render time they read the
// store's PlanVersion of the document, and add nothing while the store is not ready.
function previewOf(preview: Preview, plans: PlanStore, env: unknown): PlanPreview | undefined {
  const uri = (env as { currentDocument?: unknown } | undefined)?.currentDocument;
  if (!uri || typeof uri !== 'object' || typeof (uri as { scheme?: unknown }).scheme !== 'string') return undefined;
  try {
    const document = plans.openDocument(uri as vscode.Uri);
    const version = document && plans.plan(document);
    return version && preview.planPreview(version.model, version.waves, version.findings);
  } catch (error) {
    // The preview of a plan must render even if reading it fails.
    console.error('[connector-playbook] could not read the previewed plan:', error);
    return undefined;
  }
}

/** The markdown-it plugin VS Code's preview applies: a banner and wave badges on plans. */
export function planPreviewPlugin(plans: PlanStore): (md: MarkdownIt) => MarkdownIt {
  return (md) => {
    import('../core/editor/preview').then(
      (preview) => {
        preview.markdownItPlanPreview(md, (env) => previewOf(preview, plans, env));
        refreshPreviews();
      },
      (error: unknown) => console.error('[connector-playbook] the preview plugin could not load:', error),
    );
    return md;
  };
}

function refreshPreviews(): void {
  const open = vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType)));
  if (open) void vscode.commands.executeCommand('markdown.preview.refresh');
}

/** Previews render again when the store is ready or the settings change (findings and roster may differ). */
export function refreshPreviewsOnSettings(plans: PlanStore): vscode.Disposable {
  return plans.onDidChange((change) => {
    if (change.uris === undefined) refreshPreviews();
  });
}
