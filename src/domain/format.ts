const UNITS: [bigint, string][] = [
  [1_000_000_000_000n, 'T'],
  [1_000_000_000n, 'B'],
  [1_000_000n, 'M'],
  [1_000n, 'K'],
];

/** Tokens in short form with three significant digits: `1.40T`, `676B`, `12.3M`, `950`. */
export function formatTokens(tokens: bigint): string {
  const negative = tokens < 0n;
  const abs = negative ? -tokens : tokens;
  for (const [unit, suffix] of UNITS) {
    if (abs < unit) continue;
    const whole = abs / unit;
    const decimals = whole >= 100n ? 0 : whole >= 10n ? 1 : 2;
    const scale = 10n ** BigInt(decimals);
    const scaled = (abs * scale + unit / 2n) / unit; // rounded half up, exact
    const text = decimals === 0 ? scaled.toString() : `${scaled / scale}.${(scaled % scale).toString().padStart(decimals, '0')}`;
    return `${negative ? '-' : ''}${text}${suffix}`;
  }
  return tokens.toString();
}

/** A round threshold without trailing zeros: `1T`, `2.5T`, `25B`. */
export function formatThreshold(tokens: bigint): string {
  return formatTokens(tokens).replace(/\.0+(?=[KMBT]$)/, '').replace(/(\.\d*?)0+(?=[KMBT]$)/, '$1');
}

/** `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** A share as a percentage with one decimal: `12.3%`. */
export function formatShare(part: bigint, whole: bigint): string {
  if (whole === 0n) return '0.0%';
  const tenths = (part * 1000n + whole / 2n) / whole;
  return `${tenths / 10n}.${tenths % 10n}%`;
}
