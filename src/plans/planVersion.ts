import type * as vscode from 'vscode';
import type { Finding } from '../core/findings';
import type { IdentityGraph } from '../core/identity/graph';
import { readIdentityGraph } from '../core/identity/graph';
import { lintPlan } from '../core/lint';
import type { MappingMatrix } from '../core/mapping';
import { readMappingMatrix } from '../core/mapping';
import { readMappingData } from '../core/mappingData';
import type { MappingData } from '../core/mappingData';
import type { PlanParse } from '../core/parser';
import type { PlanModel } from '../core/plan';
import type { RuleSeverities } from '../core/rules';
import type { PlanWaves, WaveOutline, WavesByText } from '../core/waves';
import { readWaveOutlineFrom, readWaves } from '../core/waves';
import type { FolderSettings } from './folderSettings';

/** How long the parse and the rules of a version took, in milliseconds (for the benchmark and tests). */
export interface PlanTimings {
  parse: number;
  lint: number | undefined;
}

/**
 * One version of a plan (an open document's version, or a file as read) as every feature reads it:
 * its model, and what is derived from it, each computed once when first asked for.
 */
export class PlanVersion {
  private outlineCache: readonly WaveOutline[] | undefined;
  private wavesByTextCache: WavesByText | undefined;
  private findingsCache: readonly Finding[] | undefined;
  private wavesCache: PlanWaves | undefined;
  private matrixCache: { matrix: MappingMatrix | undefined } | undefined;
  private mappingCache: MappingData | undefined;
  private identityCache: IdentityGraph | undefined;
  readonly timings: PlanTimings;

  constructor(
    readonly uri: vscode.Uri,
    /** The open document's version; undefined for a file read from disk. */
    readonly version: number | undefined,
    readonly parse: PlanParse,
    readonly settings: FolderSettings,
    private readonly severities: RuleSeverities,
    parseMs: number,
    /** The waves of an earlier version of the same document, by their text: those unchanged are not read again. */
    private readonly earlierWaves?: WavesByText,
  ) {
    this.timings = { parse: parseMs, lint: undefined };
  }

  get model(): PlanModel {
    return this.parse.model;
  }

  /** Section F's waves as written. */
  get outline(): readonly WaveOutline[] {
    if (!this.outlineCache) {
      const { waves, byText } = readWaveOutlineFrom(this.model, this.earlierWaves);
      this.outlineCache = waves;
      this.wavesByTextCache = byText;
    }
    return this.outlineCache;
  }

  /** The waves as read, by their text, for a later version; undefined until they are read. */
  get wavesByText(): WavesByText | undefined {
    return this.wavesByTextCache ?? this.earlierWaves;
  }

  /** The findings under the folder's settings. */
  get findings(): readonly Finding[] {
    if (!this.findingsCache) {
      const start = performance.now();
      const { config, template } = this.settings;
      this.findingsCache = lintPlan(this.model, {
        template,
        severities: this.severities,
        agents: config.agents,
        waveSequencing: config.waveSequencing,
        waveOutline: this.outline,
      });
      this.timings.lint = performance.now() - start;
    }
    return this.findingsCache;
  }

  /** The waves with their tasks, progress and status, and the go/no-go checklist. */
  get waves(): PlanWaves {
    return (this.wavesCache ??= readWaves(this.model, this.settings.config, this.outline));
  }

  /** Section D's mapping table as written, if it has one. */
  get matrix(): MappingMatrix | undefined {
    return (this.matrixCache ??= { matrix: readMappingMatrix(this.model) }).matrix;
  }

  /** Section D's matrix as the form shows it. */
  get mapping(): MappingData {
    return (this.mappingCache ??= readMappingData(this.model, this.matrix));
  }

  /** The identity graph of sections C and D. */
  get identity(): IdentityGraph {
    return (this.identityCache ??= readIdentityGraph(this.model));
  }
}
