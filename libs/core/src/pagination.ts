/** Every list endpoint answers `{ items, total }` for `?limit=&offset=`. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export const DEFAULT_PAGE: PageRequest = { limit: 50, offset: 0 };
export const MAX_PAGE_SIZE = 200;
