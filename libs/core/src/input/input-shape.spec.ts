import { inputShapeProblem, MAX_INPUT_DEPTH } from './input-shape';

describe('inputShapeProblem', () => {
  it('accepts the deepest shapes of the contract and any ordinary text', () => {
    expect(inputShapeProblem({ offers: [{ hsCode: '081060', description: 'Sầu riêng / 榴莲 🇻🇳' }], name: { vi: "O'Brien %_\\" } })).toBeUndefined();
    expect(inputShapeProblem(undefined)).toBeUndefined();
    expect(inputShapeProblem('plain')).toBeUndefined();
  });

  it('names the string that holds a NUL, at any depth, and a key that holds one', () => {
    expect(inputShapeProblem({ offers: [{ hsCode: '08', description: 'a\u0000b' }] })).toEqual({ field: 'offers[0].description', message: 'must not contain the NUL character' });
    expect(inputShapeProblem('\u0000', MAX_INPUT_DEPTH, 'q')).toEqual({ field: 'q', message: 'must not contain the NUL character' });
    expect(inputShapeProblem({ ['x\u0000']: 1 })?.message).toMatch(/NUL/);
  });

  it('refuses prototype keys at any depth (JSON.parse makes "__proto__" an own key)', () => {
    expect(inputShapeProblem(JSON.parse('{"name": {"__proto__": {"x": 1}}}'))).toEqual({ field: 'name', message: 'each key must not be "__proto__"' });
    expect(inputShapeProblem({ fromRegistrationId: { constructor: { prototype: {} } } })?.message).toBe('each key must not be "constructor"');
  });

  it('refuses unpaired surrogates and keeps paired ones (emoji, rare CJK)', () => {
    expect(inputShapeProblem({ name: { vi: 'a\ud800' } })).toEqual({ field: 'name.vi', message: 'must be valid Unicode text (it holds an unpaired surrogate)' });
    expect(inputShapeProblem(['\udfff\ud800'])?.field).toBe('[0]');
    expect(inputShapeProblem({ name: { zh: '𠀋 😀 🇻🇳' } })).toBeUndefined();
  });

  it('refuses nesting past the limit without recursing (100,000 levels)', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputShapeProblem({ a: deep })?.message).toBe(`is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    let edge: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) edge = [edge];
    expect(inputShapeProblem(edge)).toBeUndefined();
    expect(inputShapeProblem([edge])).toBeDefined();
  });
});
