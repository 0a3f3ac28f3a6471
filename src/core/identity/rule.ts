// The rule `identity-unmapped`: an internal entity linked in section C that no row of D maps, and a
// row of D whose internal entity no link in C names. Each side is compared once the other is begun
// (a link with an entity, a row with an entity), so an unfilled section is left to its placeholders.
import type { MappingTable } from '../mapping';
import type { PlanModel } from '../plan';
import type { Range } from '../positions';
import type { EntityRef } from './links';
import { readIdentityLinks, rowEntity } from './links';

export interface IdentityFinding {
  range: Range;
  message: string;
}

/** The `identity-unmapped` findings of a plan, in document order (links, then rows). */
export function lintIdentity(model: PlanModel, table: MappingTable | undefined): IdentityFinding[] {
  if (!table) return [];
  // One problem, one finding: a link still holding a placeholder is reported by its placeholders alone.
  const all = readIdentityLinks(model);
  const links = all.filter((l) => l.filled && !l.placeholder && l.ref && l.refRange);
  const linked = new Set(all.flatMap((l) => (l.filled && l.ref ? [l.ref.entity] : [])));
  const mapped = new Set<string>();
  const rows: { ref: EntityRef; range: Range }[] = [];
  for (const row of table.table.rows) {
    const found = rowEntity(row.cells, row.line, table.columnIndex);
    if (!found) continue;
    mapped.add(found.ref.entity);
    rows.push(found);
  }
  const findings: IdentityFinding[] = [];
  if (mapped.size > 0) {
    for (const link of links) {
      if (!mapped.has(link.ref!.entity)) findings.push({ range: link.refRange!, message: `${link.label} links to "${link.ref!.name}", but no row of section D maps it.` });
    }
  }
  if (linked.size > 0) {
    for (const row of rows) {
      if (!linked.has(row.ref.entity)) findings.push({ range: row.range, message: `No link in section C names "${row.ref.name}": add a link to it, or correct the entity's name.` });
    }
  }
  return findings;
}
