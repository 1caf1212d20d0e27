/**
 * GFM task lists render as `<input type="checkbox" disabled>` with no label, which screen readers
 * announce as an unnamed control (axe rule `label`, critical). Each box gets a French name saying
 * its state, in wiki pages and pad previews alike.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Rehype plugin: an `aria-label` on every task-list checkbox. */
export default function rehypeTaskLabels() {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'input' || node.properties['type'] !== 'checkbox') return;
      node.properties['ariaLabel'] = node.properties['checked'] ? 'Tâche faite' : 'Tâche à faire';
    });
  };
}
