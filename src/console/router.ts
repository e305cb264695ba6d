import { useEffect, useState } from 'preact/hooks';

/**
 * Routing by the URL's fragment (`/#/accounts/001…`): the server serves the console at `/` only, so
 * no page path can shadow an API path such as `/accounts`.
 */
export interface Route {
  page: string;
  id?: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = 'accounts', id] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page, ...(id === undefined ? {} : { id }), params: new URLSearchParams(query) };
}

export const href = (page: string, id?: string, params?: Record<string, string>): string => {
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#/${page}${id === undefined ? '' : `/${encodeURIComponent(id)}`}${query ? `?${query}` : ''}`;
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
