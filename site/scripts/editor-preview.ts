/**
 * Live preview: the Markdown pipeline the server uses, run in the browser, debounced. The pipeline
 * is loaded on first use so the editor itself starts without waiting for it.
 */
import type { LinkResolver, RenderedMarkdown } from '../../server/markdown/render-markdown.ts';

/** Options of `createPreview`. */
export interface PreviewOptions {
  /** Where the HTML goes. */
  target: HTMLElement;
  /** Where content problems are listed (broken links…), if anywhere. */
  problems?: HTMLElement | null;
  /** Current Markdown. */
  text: () => string;
  /** Page path, to resolve relative links. */
  path?: string | undefined;
  /** Resolver of wiki links, once the page list is known. */
  resolver?: () => Promise<LinkResolver | undefined>;
  /** Wait after the last keystroke, ms. */
  delay?: number;
}

/** The preview: `schedule()` after each change, `now()` to render at once. */
export interface Preview {
  /** Renders after `delay` ms without further calls. */
  schedule(): void;
  /** Renders now. */
  now(): Promise<void>;
}

type Render = (options: { source: string; path?: string; resolver?: LinkResolver }) => RenderedMarkdown;

/** Creates the preview of one editor. */
export function createPreview(options: PreviewOptions): Preview {
  const { target, delay = 250 } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let render: Promise<Render> | undefined;

  async function now(): Promise<void> {
    clearTimeout(timer);
    render ??= import('../../server/markdown/render-markdown.ts').then((m) => m.renderMarkdown as Render);
    try {
      const [fn, resolver] = await Promise.all([render, options.resolver?.()]);
      const result = fn({ source: options.text(), ...(options.path ? { path: options.path } : {}), ...(resolver ? { resolver } : {}) });
      // The pipeline sanitises its HTML (rehype-sanitize): it is safe to insert as it is.
      target.innerHTML = result.html || '<p class="muted">Le texte est vide : l’aperçu apparaîtra ici.</p>';
      showProblems(options.problems, result);
    } catch (error) {
      console.error('[éditeur] aperçu impossible', error);
      target.textContent = 'L’aperçu n’a pas pu être affiché. Vous pouvez continuer à écrire et enregistrer.';
    }
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => void now(), delay);
    },
    now,
  };
}

function showProblems(list: HTMLElement | null | undefined, result: RenderedMarkdown): void {
  if (!list) return;
  list.replaceChildren(
    ...result.problems.slice(0, 20).map((p) => {
      const li = document.createElement('li');
      li.textContent = p.line ? `Ligne ${p.line} : ${p.message}` : p.message;
      return li;
    }),
  );
  list.hidden = result.problems.length === 0;
}
