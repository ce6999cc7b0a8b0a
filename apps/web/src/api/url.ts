/** The URL of a call to a path of the OpenAPI document (`/api/events/{id}`), with its parameters. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

export interface UrlParams {
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
}

/** `path` with its `{name}` parameters filled in (encoded) and `?a=1&b=x` from the defined query entries. */
export function urlOf(path: string, params: UrlParams = {}): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params.path?.[name];
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined && one !== null && one !== '') search.append(key, String(one));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}
