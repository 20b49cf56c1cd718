import {
  createContext,
  type AnchorHTMLAttributes,
  type ComponentChildren,
  type FormHTMLAttributes,
} from 'preact';
import { useContext } from 'preact/hooks';

/**
 * Where a page's internal links lead. The server's policy leaves every site path as it is; the static
 * export (src/static/links.ts) passes its own, for a site with no server behind it: a base URL or
 * page-relative paths, search in the browser, no forms that post, no pages it did not write.
 */
export interface LinkPolicy {
  /** The address of a site path (maybe with ?query and #hash); null when this site has no such page. */
  href(path: string): string | null;
  /** The address a GET form with this action submits to; null when the form has nowhere to go. */
  action(path: string): string | null;
  /** Whether forms that post to the server (readers' answers) are shown. */
  readonly posts: boolean;
  /** The script that searches in the browser, on a site without a search route: its address. */
  readonly clientSearch?: string;
}

export const SERVER_LINKS: LinkPolicy = {
  href: (path) => path,
  action: (path) => path,
  posts: true,
};

const LinksContext = createContext<LinkPolicy>(SERVER_LINKS);

export function LinksProvider({ links, children }: { links: LinkPolicy; children: ComponentChildren }) {
  return <LinksContext.Provider value={links}>{children}</LinksContext.Provider>;
}

export function useLinks(): LinkPolicy {
  return useContext(LinksContext);
}

type AnchorProps = AnchorHTMLAttributes & { href: string };

/** An internal link; its text alone where the site has no such page. Attributes keep their order. */
export function Link(props: AnchorProps) {
  const href = useLinks().href(props.href);
  if (href === null) return <span>{props.children}</span>;
  return <a {...props} href={href} />;
}

type FormProps = FormHTMLAttributes & { action: string };

/** A GET form to a site path; nothing where the site cannot answer it. */
export function GetForm(props: FormProps) {
  const action = useLinks().action(props.action);
  if (action === null) return null;
  return <form {...props} action={action} />;
}
