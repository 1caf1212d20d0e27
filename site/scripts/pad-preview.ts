/** The live preview: the pad's Markdown through the wiki's own pipeline, a moment after typing stops. */
import { extractDecisions } from '../../server/register/decisions.ts';
import { renderMarkdown } from '../../server/markdown/render-markdown.ts';

/** Options of startPreview. */
export interface PreviewOptions {
  /** Current Markdown. */
  read(): string;
  /** Where the HTML goes. */
  target: HTMLElement;
  /** Where the count of decisions and actions goes. */
  summary: HTMLElement | null;
  /** Quiet time before rendering. */
  delayMs?: number;
}

const withoutFrontMatter = (text: string): string => text.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/, '');

function plural(n: number, one: string, many: string): string {
  return `${n} ${n <= 1 ? one : many}`;
}

/** Starts the preview; returns `schedule`, to call after every change. */
export function startPreview({ read, target, summary, delayMs = 300 }: PreviewOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const render = (): void => {
    timer = undefined;
    const text = read();
    // The pipeline sanitises its output: the HTML is safe to insert as is.
    target.innerHTML = renderMarkdown({ source: withoutFrontMatter(text) }).html;
    if (summary) {
      const { decisions, actions } = extractDecisions({ source: text });
      const open = actions.filter((a) => !a.done).length;
      summary.textContent = `Le registre retiendra ${plural(decisions.length, 'décision', 'décisions')} et ${plural(actions.length, 'action', 'actions')} (${plural(open, 'ouverte', 'ouvertes')}).`;
    }
  };
  render();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(render, delayMs);
  };
}
