/**
 * Wide tables and code blocks scroll sideways on a phone (.prose CSS); a keyboard can scroll them
 * only once they take focus (WCAG 2.1.1), so they get `tabindex="0"`.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Rehype plugin: `<table>` and `<pre>` focusable. */
export default function rehypeScrollable() {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node) => {
      if (node.tagName === 'table' || node.tagName === 'pre') node.properties['tabIndex'] = 0;
    });
  };
}
