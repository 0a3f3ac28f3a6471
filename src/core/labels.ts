// Labels and values compared as the template writes them, whatever their case, emphasis or spacing.

/** Normalises a field label for comparison. */
export function normalizeLabel(label: string): string {
  return label.replace(/[*_`]/g, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Normalises a value for comparison with the template's option lists. */
export function normalizeOptionValue(value: string): string {
  return value.trim().toLowerCase().replace(/\s*\/\s*/g, ' / ').replace(/\s+/g, ' ');
}
