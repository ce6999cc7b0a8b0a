/**
 * An async function as an event handler (`onSubmit`, `onClick`, a component's `onX` prop):
 * React ignores what a handler returns, so a rejection would go unhandled. The handlers catch
 * the errors they expect (and show them); anything else is reported here, once, in the console.
 */
export function asyncHandler<A extends unknown[]>(run: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args) => {
    run(...args).catch((error: unknown) => console.error(error));
  };
}
