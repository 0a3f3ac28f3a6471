// Section C's links (`Link N: external field -> internal entity + key`) and section D's rows, read
// as the two halves of the identity graph: what each names on the external and the internal side.
import { cellValue, columnCell, findMappingTable, namesApp, namesDb, normalizeCardinality } from '../mapping';
import type { MappingTable } from '../mapping';
import type { Field, PlanModel, TableCell } from '../plan';
import type { Range } from '../positions';
import { lineRange } from '../positions';
import { normalizeLabel } from '../labels';

/** An internal entity as a link or a row names it: `staff.email` is the entity `staff`, key `email`. */
export interface EntityRef {
  /** The entity as written, e.g. `Staff`. */
  name: string;
  /** Lower case, for comparing a link's entity with a row's. */
  entity: string;
  key: string | undefined;
  /** Offsets of `entity[.key]` in the text it was read from. */
  start: number;
  end: number;
}

/** A `Link N:` field of section C. */
export interface IdentityLink {
  /** The field's label, e.g. `Link 1`. */
  label: string;
  line: number;
  /** The external field, as written with code marks removed (empty when not written). */
  external: string;
  /** The internal side as written, code marks removed. */
  internal: string;
  /** The entity it links to; undefined when the internal side is unwritten or still a placeholder. */
  ref: EntityRef | undefined;
  /** Where the entity and key are written in the plan. */
  refRange: Range | undefined;
  /** Something besides placeholders and the arrow is written. */
  filled: boolean;
  /** A placeholder is still in the link (it is then reported by its placeholders alone). */
  placeholder: boolean;
}

/** A row of section D's mapping matrix, as the graph reads it. */
export interface IdentityMapping {
  line: number;
  purpose: string;
  source: string;
  externalId: string;
  /** The Internal Entity cell as written, code marks removed. */
  internal: string;
  /** Undefined when the cell is empty or holds a placeholder. */
  ref: EntityRef | undefined;
  /** The Internal Entity cell's range. */
  refRange: Range | undefined;
  /** `1:1` / `1:N` when recognisable. */
  cardinality: '1:1' | '1:N' | undefined;
  cardinalityText: string;
  enforcedIn: string;
  /** A 1:1 enforced only in app logic: the playbook's rule of thumb broken. */
  ruleOfThumb: boolean;
  /** Something besides placeholders is written in the row. */
  filled: boolean;
}

const LINK_LABEL = /^(?:link|linking point)\s*\d*$/;
const ARROW = /\s*(?:->|→|=>)\s*/;
const PLACEHOLDER = /\{[^{}]*\}/;
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_$-]*/gu;
const DOTTED = /(?<![\p{L}\p{N}_$.-])([\p{L}_][\p{L}\p{N}_$-]*)\.([\p{L}\p{N}_$-]+(?:\.[\p{L}\p{N}_$-]+)*)/u;
const CODE_SPAN = /(`+)([^`][\s\S]*?)\1(?!`)/g;
// Words before an entity that are not one ("the staff table", "a tenant").
const NOT_ENTITIES = new Set(['the', 'a', 'an', 'to', 'via', 'from', 'of', 'on', 'in', 'each', 'one', 'per']);

function refAt(name: string, key: string | undefined, start: number, end: number): EntityRef {
  return { name, entity: name.toLowerCase(), key: key || undefined, start, end };
}

/** The entity a link's internal side or a row's Internal Entity names: a code span first, then `entity.key`, then a word. */
export function readEntityRef(text: string): EntityRef | undefined {
  if (PLACEHOLDER.test(text)) return undefined;
  for (const span of text.matchAll(CODE_SPAN)) {
    const inner = span[2]!;
    const lead = inner.length - inner.trimStart().length;
    const content = inner.trim();
    const start = span.index + span[1]!.length + lead;
    const dotted = DOTTED.exec(content);
    if (dotted && dotted.index === 0) return refAt(dotted[1]!, dotted[2], start, start + dotted[0].length);
    const word = /^[\p{L}_][\p{L}\p{N}_$-]*$/u.exec(content);
    if (word) return refAt(word[0], undefined, start, start + word[0].length);
  }
  const dotted = DOTTED.exec(text);
  if (dotted) return refAt(dotted[1]!, dotted[2], dotted.index, dotted.index + dotted[0].length);
  for (const word of text.matchAll(IDENTIFIER)) {
    if (!NOT_ENTITIES.has(word[0].toLowerCase())) return refAt(word[0], undefined, word.index, word.index + word[0].length);
  }
  return undefined;
}

/** Text as shown: code marks removed, spaces collapsed. */
function plainText(text: string): string {
  return text.replace(/`+/g, '').replace(/\s+/g, ' ').trim();
}

function isLinkField(field: Field): boolean {
  return field.sectionKey === 'C' && (LINK_LABEL.test(normalizeLabel(field.label)) || ARROW.test(field.value));
}

/** Section C's links, in order; placeholders count as unwritten. */
export function readIdentityLinks(model: PlanModel): IdentityLink[] {
  const links: IdentityLink[] = [];
  for (const field of model.fields) {
    if (!isLinkField(field)) continue;
    const value = field.value;
    const arrow = ARROW.exec(value);
    const externalText = arrow ? value.slice(0, arrow.index) : value;
    const internalStart = arrow ? arrow.index + arrow[0].length : value.length;
    const internalText = value.slice(internalStart);
    const filled = value.replace(new RegExp(PLACEHOLDER, 'g'), '').replace(ARROW, '').replace(/[`\s]/g, '') !== '';
    const placeholder = model.placeholders.some((p) => p.range.start.line === field.line && p.range.start.character >= field.valueRange.start.character);
    const found = readEntityRef(internalText);
    const at = field.valueRange.start.character + internalStart;
    links.push({
      label: field.label.trim(),
      line: field.line,
      external: PLACEHOLDER.test(externalText) ? '' : plainText(externalText),
      internal: PLACEHOLDER.test(internalText) ? '' : plainText(internalText),
      ref: found,
      refRange: found ? lineRange(field.line, at + found.start, at + found.end) : undefined,
      filled,
      placeholder,
    });
  }
  return links;
}

function cellText(cell: TableCell | undefined): string {
  return cell ? cellValue(cell.text) : '';
}

/** One row of the matrix as the graph and the rule read it. */
function identityMapping(cells: readonly TableCell[], line: number, columns: MappingTable['columnIndex']): IdentityMapping {
  const entityCell = columnCell(cells, columns.internalEntity);
  const raw = (cell: TableCell | undefined) => cell?.text ?? '';
  const ref = entityCell ? readEntityRef(entityCell.text) : undefined;
  // The cell's text starts at its range's start; a code span around it keeps its offsets.
  const refRange = entityCell && ref ? refRangeIn(entityCell, line, ref) : undefined;
  const cardinalityCell = columnCell(cells, columns.cardinality);
  const enforcedCell = columnCell(cells, columns.enforcedIn);
  const cardinality = cardinalityCell && !PLACEHOLDER.test(cardinalityCell.text) ? normalizeCardinality(cardinalityCell.text) : undefined;
  const enforcedIn = enforcedCell && !PLACEHOLDER.test(enforcedCell.text) ? cellValue(enforcedCell.text) : '';
  const clean = (cell: TableCell | undefined) => (PLACEHOLDER.test(raw(cell)) ? '' : plainText(cellText(cell)));
  // The purpose alone is the template's own word (Primary, Secondary): a row counts once it maps something.
  const written = (cell: TableCell | undefined) => !!cell && cell.text.replace(new RegExp(PLACEHOLDER, 'g'), '').replace(/[`\s]/g, '') !== '';
  const filled = [columns.source, columns.externalId, columns.internalEntity, columns.cardinality, columns.enforcedIn].some((index) => written(columnCell(cells, index)));
  return {
    line,
    purpose: clean(columnCell(cells, columns.purpose)),
    source: clean(columnCell(cells, columns.source)),
    externalId: clean(columnCell(cells, columns.externalId)),
    internal: clean(entityCell),
    ref,
    refRange,
    cardinality,
    cardinalityText: clean(cardinalityCell),
    enforcedIn: plainText(enforcedIn),
    ruleOfThumb: cardinality === '1:1' && namesApp(enforcedIn) && !namesDb(enforcedIn),
    filled,
  };
}

/** Section D's rows, in order; undefined when section D has no mapping table. */
export function readIdentityMappings(model: PlanModel, table: MappingTable | undefined = findMappingTable(model)): IdentityMapping[] | undefined {
  if (!table) return undefined;
  return table.table.rows.map((row) => identityMapping(row.cells, row.line, table.columnIndex));
}

/** The entity one row of the matrix names, without reading the rest of the row (the rule reads thousands). */
export function rowEntity(cells: readonly TableCell[], line: number, columns: MappingTable['columnIndex']): { ref: EntityRef; range: Range } | undefined {
  const cell = columnCell(cells, columns.internalEntity);
  const ref = cell ? readEntityRef(cell.text) : undefined;
  return cell && ref ? { ref, range: refRangeIn(cell, line, ref) } : undefined;
}

// A cell's text starts where its range does; `\|` unescaped in the text may shift the end, so it stays inside the cell.
function refRangeIn(cell: TableCell, line: number, ref: EntityRef): Range {
  const at = cell.range.start.character;
  const end = cell.range.end.character;
  return lineRange(line, Math.min(at + ref.start, end), Math.min(at + ref.end, end));
}
