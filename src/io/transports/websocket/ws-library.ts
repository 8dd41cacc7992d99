/** The ws library, imported when a websocket source or sink first connects rather than at module load. */
let ws: Promise<typeof import('ws')> | undefined;

export function loadWs(): Promise<typeof import('ws')> {
  return (ws ??= import('ws'));
}
