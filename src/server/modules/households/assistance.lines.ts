/** Picking the monitoring line that applies to an area (pure; shared by elimination checks). */

/** The income line of the longest area prefix matching `areaCode` ('' matches all), or null. */
export function pickLine(lines: { areaPrefix: string; incomeLine: number }[], areaCode: string): number | null {
  let best: { areaPrefix: string; incomeLine: number } | null = null;
  for (const l of lines) if (areaCode.startsWith(l.areaPrefix) && (!best || l.areaPrefix.length > best.areaPrefix.length)) best = l;
  return best?.incomeLine ?? null;
}
