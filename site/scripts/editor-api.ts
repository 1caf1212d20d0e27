/** Talking to the editing API from the browser: JSON with the session's CSRF token, French errors. */

/** An API answer: HTTP status and parsed JSON body (undefined when there was none). */
export interface ApiAnswer {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** Parsed JSON body. */
  data: unknown;
}

/** The CSRF token of a form (its `_csrf` field). */
export function csrfOf(form: HTMLFormElement): string {
  const field = form.elements.namedItem('_csrf');
  return field instanceof HTMLInputElement ? field.value : '';
}

async function parse(response: Response): Promise<ApiAnswer> {
  const text = await response.text();
  try {
    return { status: response.status, data: text ? (JSON.parse(text) as unknown) : undefined };
  } catch {
    return { status: response.status, data: undefined };
  }
}

/** POSTs a JSON body; network failures come back as status 0 instead of throwing. */
export async function postJson(url: string, body: unknown, csrf: string): Promise<ApiAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    return await parse(response);
  } catch {
    return { status: 0, data: undefined };
  }
}

/** POSTs raw bytes (an attachment) with its file name in `X-Filename`. */
export async function postFile(url: string, file: File, csrf: string): Promise<ApiAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf, 'X-Filename': encodeURIComponent(file.name), 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
    });
    return await parse(response);
  } catch {
    return { status: 0, data: undefined };
  }
}

/** The French message of an API error answer, or a generic one saying what to do. */
export function errorMessage(answer: ApiAnswer): string {
  if (answer.status === 0) return 'Le serveur ne répond pas : vérifiez votre connexion puis réessayez. Votre texte est gardé dans ce navigateur.';
  const data = answer.data as { error?: { message?: unknown } } | undefined;
  const message = data?.error?.message;
  if (typeof message === 'string' && message) return message;
  if (answer.status === 401) return 'Votre session a expiré : connectez-vous dans un autre onglet puis enregistrez à nouveau. Votre texte est gardé.';
  if (answer.status === 413) return 'Envoi trop volumineux : réduisez la taille du fichier ou du texte.';
  return `Le serveur a refusé la demande (erreur ${answer.status}). Réessayez dans un instant ; votre texte est gardé.`;
}
