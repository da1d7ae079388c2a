/** textDocument/documentLink: `$INCLUDE` files and the URLs in records (MTA-STS, TLS-RPT, BIMI). */
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver/node';
import { toDocumentLink } from '../convert';
import { documentLinks } from '../core/features/links';
import type { FeatureHost } from './host';

export function onDocumentLinks(host: FeatureHost): (params: DocumentLinkParams) => Promise<DocumentLink[]> {
  return async (params) => {
    const view = await host.analysis(params.textDocument.uri);
    return view ? documentLinks(view.analysis).map((l) => toDocumentLink(view.indexOf(undefined), l)) : [];
  };
}
