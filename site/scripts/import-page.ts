/** « Importer »: sends the file for a preview, then again to import it, and shows the answer. */
import { errorMessage, postFile } from './editor-api.ts';
import { renderPreview, renderReport, type Preview, type Report } from './import-render.ts';

const form = document.querySelector<HTMLFormElement>('[data-import-form]');
const status = document.querySelector<HTMLElement>('[data-import-status]');
const result = document.querySelector<HTMLElement>('[data-import-result]');
const title = document.querySelector<HTMLElement>('[data-import-result-title]');
const body = document.querySelector<HTMLElement>('[data-import-result-body]');

function say(message: string, tone?: 'error'): void {
  if (!status) return;
  status.textContent = message;
  status.className = tone === 'error' ? 'import-status callout callout-danger' : 'import-status';
}

function show(heading: string, nodes: HTMLElement[]): void {
  if (!result || !title || !body) return;
  title.textContent = heading;
  body.replaceChildren(...nodes);
  result.hidden = false;
  result.focus();
}

/** The chosen options as the API's query (`etape` added by the caller). */
function query(f: HTMLFormElement, step: 'apercu' | 'importer'): string {
  const data = new FormData(f);
  const params = new URLSearchParams({ etape: step });
  for (const key of ['rubrique', 'type', 'etiquettes', 'visibilite']) {
    const value = data.get(key);
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  return params.toString();
}

async function send(f: HTMLFormElement, file: File, step: 'apercu' | 'importer'): Promise<unknown> {
  const busy = f.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (busy) busy.disabled = true;
  try {
    const answer = await postFile(`/api/import?${query(f, step)}`, file, f.dataset.csrf ?? '');
    if (answer.status === 200) return answer.data;
    say(`Import refusé. ${errorMessage(answer)} Rien n’a été enregistré.`, 'error');
    return undefined;
  } finally {
    if (busy) busy.disabled = false;
  }
}

if (form) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = (form.elements.namedItem('fichier') as HTMLInputElement | null)?.files?.[0];
    if (!file) {
      say('Choisissez d’abord un fichier à importer.', 'error');
      return;
    }
    if (result) result.hidden = true;
    say(`Lecture de « ${file.name} »…`);
    void send(form, file, 'apercu').then((data) => {
      if (!data) return;
      say('');
      show('Aperçu', renderPreview(data as Preview));
      body?.querySelector('[data-import-cancel]')?.addEventListener('click', () => {
        if (result) result.hidden = true;
        say('Import annulé : rien n’a été enregistré.');
      });
      body?.querySelector<HTMLButtonElement>('[data-import-confirm]')?.addEventListener('click', (click) => {
        (click.currentTarget as HTMLButtonElement).disabled = true;
        say(`Import de « ${file.name} »…`);
        void send(form, file, 'importer').then((report) => {
          if (!report) return;
          say('');
          show('Compte rendu de l’import', renderReport(report as Report));
        });
      });
    });
  });
}
