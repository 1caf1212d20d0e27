/** Page bodies that made per-request text work quadratic (issue 9, item 2), at the sizes it names. */

/** Repeats `unit` to exactly `length` characters. */
function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Units whose repetition once cost seconds somewhere in the text pipeline. */
export const pathologicalUnits: Record<string, string> = {
  'opening brackets': '[',
  'closing brackets': ']',
  'empty links': '[](',
  backticks: '`',
  asterisks: '*',
  underscores: '_',
  'nested links': '[[',
  'wiki links with a bar': '[[a|',
  'image openers': '![',
  'angle brackets': '<',
  backslashes: '\\',
  mixed: '[*_`<\\](',
  'brackets on lines': '[\n',
  spaces: ' ',
  commas: ',',
};

/** Sizes named by the issue: 40, 100 and 200 kB. */
export const pathologicalSizes = [40_000, 100_000, 200_000] as const;

/** Every (name, size, body) case. */
export function pathologicalBodies(sizes: readonly number[] = pathologicalSizes): { name: string; size: number; body: string }[] {
  return Object.entries(pathologicalUnits).flatMap(([name, unit]) => sizes.map((size) => ({ name, size, body: repeatTo(unit, size) })));
}
