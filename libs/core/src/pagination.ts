/** The largest page a list endpoint serves (`?limit=`); the shape `{ items, total }` is `Page` in libs/contracts. */
export const MAX_PAGE_SIZE = 200;
