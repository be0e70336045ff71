// Counter actions run one after another, in the order they were asked for. A repeat of an action
// already waiting or running (a double click, a bouncing key) is dropped, so a double click never
// calls two tickets; a different action is queued behind it.

export interface ActionRunner {
  /** Runs `task` after the ones before it, unless an action of the same name is pending; true if queued. */
  push(name: string, task: () => Promise<void>): boolean;
  /** Names waiting or running, oldest first. */
  pending(): string[];
  /** Resolves when everything queued so far has run. */
  idle(): Promise<void>;
}

export function createActionRunner(): ActionRunner {
  let chain: Promise<void> = Promise.resolve();
  const names: string[] = [];
  return {
    push(name, task) {
      if (names.includes(name)) return false;
      names.push(name);
      chain = chain.then(async () => {
        try {
          await task();
        } catch {
          // A task reports its own failure; the next one still runs.
        } finally {
          names.splice(names.indexOf(name), 1);
        }
      });
      return true;
    },
    pending: () => [...names],
    idle: () => chain,
  };
}
