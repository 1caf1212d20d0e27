/**
 * Wide tables and code blocks scroll sideways on a phone (.prose CSS); a keyboard can scroll
 * them only once they take focus (WCAG 2.1.1), so rendered Markdown gets tabindex="0" on them.
 */

/** Makes the tables and code blocks of rendered, sanitised Markdown focusable (the pipeline emits them without attributes). */
export function keyboardScrollable(html: string): string {
  return html.replaceAll('<table>', '<table tabindex="0">').replaceAll('<pre>', '<pre tabindex="0">');
}
