/** class-transformer helpers shared by the DTOs: normalize before validating. */
type Input = { value: unknown };

export const trim = ({ value }: Input): unknown => (typeof value === 'string' ? value.trim() : value);
export const upper = ({ value }: Input): unknown => (typeof value === 'string' ? value.trim().toUpperCase() : value);
export const upperEach = ({ value }: Input): unknown => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value);
