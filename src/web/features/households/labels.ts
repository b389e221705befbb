/** Label lookups and small helpers shared by the household pages. */
import type { TMonitoringLineDto } from '../../api/households';

/** Yuan with thousands separators, e.g. "6,830". */
export function yuan(v: number | null | undefined): string {
  if (v == null) return '—';
  return v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

/** The monitoring line that applies to an area code in a year: the longest matching area prefix wins. */
export function lineFor(lines: readonly TMonitoringLineDto[], year: number, areaCode: string): TMonitoringLineDto | undefined {
  return lines
    .filter((l) => l.year === year && areaCode.startsWith(l.areaPrefix))
    .sort((a, b) => b.areaPrefix.length - a.areaPrefix.length)[0];
}

/** Options for a Select from a label record. */
export function optionsOf<K extends string>(keys: readonly K[], labels: Record<K, string>) {
  return keys.map((k) => ({ value: k, label: labels[k] }));
}
