/** The largest page a list endpoint serves (`?limit=`); the shape `{ items, total }` is `Page` in libs/contracts. */
export const MAX_PAGE_SIZE = 200;

/**
 * The largest `offset` or `afterSeq` a query takes. Beyond it a JS number is no
 * longer exact, and soon after it no longer fits PostgreSQL's bigint (`1e308`
 * passes `@IsInt`); the database would answer with an error instead of an empty page.
 */
export const MAX_POSITION = Number.MAX_SAFE_INTEGER;
