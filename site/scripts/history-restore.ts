/**
 * « Restaurer cette version » without leaving the page for a JSON answer: the POST form is sent
 * with fetch, then the restored page opens. Without JavaScript the form posts as it is.
 */
import { csrfOf, errorMessage, postJson } from './editor-api.ts';

function enhance(form: HTMLFormElement): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const status = form.querySelector<HTMLElement>('[data-restore-status]');
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    const say = (text: string, tone?: 'error'): void => {
      if (!status) return;
      status.textContent = text;
      if (tone) status.dataset['tone'] = tone;
      else delete status.dataset['tone'];
    };
    const data = new FormData(form);
    if (button) button.disabled = true;
    say('Restauration…');
    void postJson('/api/pages/restore', { path: data.get('path'), oid: data.get('oid') }, csrfOf(form)).then((answer) => {
      const result = answer.data as { url?: string } | undefined;
      if (answer.status === 200 && typeof result?.url === 'string') {
        say('Version restaurée.');
        window.location.assign(result.url);
        return;
      }
      if (button) button.disabled = false;
      say(`Pas restaurée. ${errorMessage(answer)}`, 'error');
    });
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-restore]')) enhance(form);
