/** Attaching files from the editor: each file goes to /api/attachments, then its Markdown link is inserted. */
import { errorMessage, postFile } from './editor-api.ts';

/** What an upload answers (server/editing/attachments.ts AttachmentInfo). */
interface AttachmentAnswer {
  /** Stored file name. */
  name: string;
  /** Markdown that shows (image) or links (other files) it. */
  markdown: string;
}

/** Options of `uploadFiles`. */
export interface UploadOptions {
  /** Page the files belong to (repository path). */
  page: string;
  /** CSRF token. */
  csrf: string;
  /** Inserts Markdown at the cursor. */
  insert: (markdown: string) => void;
  /** Tells the person what happens (`tone: error` for failures). */
  status: (message: string, tone?: 'error') => void;
}

/** Uploads files one after the other; a refused file does not stop the others. */
export async function uploadFiles(files: readonly File[], options: UploadOptions): Promise<void> {
  const links: string[] = [];
  const failures: string[] = [];
  for (const file of files) {
    options.status(`Envoi de « ${file.name} »…`);
    const answer = await postFile(`/api/attachments?page=${encodeURIComponent(options.page)}`, file, options.csrf);
    const info = answer.data as Partial<AttachmentAnswer> | undefined;
    if (answer.status === 200 && typeof info?.markdown === 'string') links.push(info.markdown);
    else failures.push(`« ${file.name} » : ${errorMessage(answer)}`);
  }
  if (links.length > 0) options.insert(links.join('\n'));
  if (failures.length > 0) options.status(`Fichier non joint. ${failures.join(' ')}`, 'error');
  else options.status(links.length === 1 ? 'Fichier joint : le lien est dans le texte.' : `${links.length} fichiers joints : les liens sont dans le texte.`);
}
