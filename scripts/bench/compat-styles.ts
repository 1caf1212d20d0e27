/**
 * Folders of Markdown written the way each common generator lays them out, for the compatibility
 * bench: sections with a landing page, titles and links written as that tool's users write them,
 * and, for each page, the address and title a faithful hub serves it under (written here by hand,
 * from the tool's own rules, not from the hub's address code).
 */

/** One generated file with what the hub should make of it (pages only). */
export interface StyledPage {
  /** Repository path. */
  path: string;
  /** File content. */
  text: string;
  /** Address the page should be served at (`/wiki/…`). */
  address: string;
  /** Title it should show. */
  title: string;
  /** Addresses of the pages it links to. */
  links: string[];
}

/** A generated folder: its pages, and the generator's own files. */
export interface StyledFolder {
  /** Pages. */
  pages: StyledPage[];
  /** Other files (markers, configuration, tables of contents). */
  files: Record<string, string>;
}

const sectionNames = ['accueil', 'ateliers', 'benevolat', 'comptes-rendus', 'demarches', 'equipements', 'formations', 'partenaires', 'projets', 'ressources'];
const words = ['Inscription', 'Planning', 'Charte', 'Budget', 'Inventaire', 'Calendrier', 'Contacts', 'Procédure', 'Bilan', 'Guide', 'Foire aux questions', 'Modèle', 'Atelier', 'Réunion', 'Sortie', 'Permanence', 'Formation', 'Convention', 'Annuaire'];

interface Slot {
  section: string;
  /** Index in the section; 0 is the landing page. */
  n: number;
  title: string;
  /** File name without `.md`. */
  name: string;
  /** A Jekyll post (`_posts/2024-01-DD-name.md`, untitled: its title comes from its name). */
  post?: string;
  /** An address declared in front matter (`permalink: /p-12/`). */
  permalink?: string;
}

/** The layout of every generator: where files go, how titles and links are written, what address each page gets. */
const styles = {
  jekyll: { root: '', landing: 'index', title: 'front', link: (s: Slot) => (s.post ? `/${s.post.replace(/-/, '/').replace(/-/, '/').replace(/-/, '/')}.html` : `/${s.section}/${s.n === 0 ? '' : `${s.name}.html`}`), markers: { '_config.yml': 'title: Banc Jekyll\n' } },
  hugo: { root: 'content', landing: '_index', title: 'toml', link: (s: Slot) => `/${s.section}/${s.n === 0 ? '' : `${s.name}/`}`, markers: { 'hugo.toml': 'title = "Banc Hugo"\n' } },
  vuepress: { root: 'docs', landing: 'README', title: 'heading', link: (s: Slot) => s.permalink ?? `../${s.section}/${s.n === 0 ? '' : `${s.name}.md`}`, markers: { 'docs/.vuepress/config.js': 'export default {}\n' } },
  docsify: { root: 'docs', landing: 'README', title: 'heading', link: (s: Slot) => `/${s.section}/${s.n === 0 ? '' : s.name}`, markers: { 'docs/index.html': '<script>window.$docsify = {}</script>\n' } },
  mkdocs: { root: 'docs', landing: 'index', title: 'heading', link: (s: Slot) => `../${s.section}/${s.n === 0 ? 'index' : s.name}.md`, markers: { 'mkdocs.yml': 'site_name: Banc\n' } },
  docusaurus: { root: 'docs', landing: 'index', title: 'front', link: (s: Slot) => `/docs/${s.section}/${s.n === 0 ? '' : s.name}`, markers: { 'docusaurus.config.js': 'export default {}\n' } },
  gitbook: { root: '', landing: 'README', title: 'heading', link: (s: Slot) => `../${s.section}/${s.n === 0 ? 'README' : s.name}.md`, markers: { '.gitbook.yaml': 'root: ./\n' } },
  obsidian: { root: '', landing: '', title: 'heading', link: (s: Slot) => `[[${s.name}]]`, markers: { '.obsidian/app.json': '{}\n' } },
} as const;

/** Generators the bench covers. */
export type Style = keyof typeof styles;
/** Every style, in the suite's order. */
export const styleNames = Object.keys(styles) as Style[];

/** A folder of about `count` pages in the style of `generator`. */
export function generateStyled(generator: Style, count: number): StyledFolder {
  const style = styles[generator];
  const perSection = Math.ceil(count / sectionNames.length);
  const slots: Slot[] = [];
  for (const section of sectionNames) {
    for (let n = 0; n < perSection && slots.length < count; n++) {
      const title = n === 0 ? `Rubrique ${section.replace(/-/g, ' ')}` : `${words[n % words.length]} ${section.replace(/-/g, ' ')} ${n}`;
      const name = generator === 'obsidian' ? title : n === 0 ? style.landing : `${section}-${n}`;
      const slot: Slot = { section, n, title, name };
      // One page in ten: a dated post (Jekyll), a declared address (VuePress).
      if (n > 0 && n % 10 === 5 && generator === 'jekyll') Object.assign(slot, { post: `2024-01-${String(n).padStart(2, '0')}-${section}-${n}`, title: `${section.charAt(0).toUpperCase()}${section.slice(1).replace(/-/g, ' ')} ${n}` });
      if (n > 0 && n % 10 === 5 && generator === 'vuepress') slot.permalink = `/p-${section}-${n}/`;
      slots.push(slot);
    }
  }
  const addressOf = (s: Slot): string => {
    const sub = style.root === 'docs' && generator === 'docusaurus' ? 'docs/' : '';
    if (generator === 'obsidian') return `/wiki/${s.section}/${encodeURIComponent(s.name)}`;
    if (s.post) return `/wiki/${s.post.replace(/-/, '/').replace(/-/, '/').replace(/-/, '/')}`;
    if (s.permalink) return `/wiki${s.permalink.replace(/\/$/, '')}`;
    return s.n === 0 ? `/wiki/${sub}${s.section}` : `/wiki/${sub}${s.section}/${s.name}`;
  };
  const pages = slots.map((s, i): StyledPage => {
    const targets = [slots[(i + 1) % slots.length]!, slots[(i * 7 + 3) % slots.length]!, slots.find((t) => t.section === s.section && t.n === 0)!].filter((t) => t !== s);
    const linkText = targets.map((t) => (generator === 'obsidian' ? style.link(t) : `[${t.title}](${style.link(t)})`)).join(', ');
    const head = s.post
      ? ''
      : s.permalink
        ? `---\npermalink: ${s.permalink}\n---\n\n# ${s.title}\n\n`
        : style.title === 'front' ? `---\ntitle: ${t(s.title)}\n---\n\n` : style.title === 'toml' ? `+++\ntitle = ${t(s.title)}\n+++\n\n` : `# ${s.title}\n\n`;
    const text = `${head}Page ${i} du banc : voir ${linkText}.\n`;
    const file = s.post ? `_posts/${s.post}.md` : [style.root, s.section, `${s.name}.md`].filter((p) => p !== '').join('/');
    return { path: file, text, address: addressOf(s), title: s.title, links: targets.map(addressOf) };
  });
  return { pages, files: { '_gare/visibilite.yml': 'defaut: public\n', ...style.markers } };
}

/** A YAML/TOML double-quoted string. */
function t(text: string): string {
  return JSON.stringify(text);
}
