// At most one run per key per window, trailing: the first request of a quiet key schedules a run one
// window later; requests until then ride along with it. A burst of tickets costs one refresh.
export interface KeyedThrottle {
  request(key: string): void;
  cancelAll(): void;
}

export function keyedThrottle(
  windowMs: number,
  run: (key: string) => void | Promise<void>,
  onError: (err: unknown, key: string) => void = () => {},
): KeyedThrottle {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    request(key) {
      if (pending.has(key)) return;
      pending.set(
        key,
        setTimeout(() => {
          pending.delete(key);
          Promise.resolve()
            .then(() => run(key))
            .catch((err: unknown) => onError(err, key));
        }, windowMs),
      );
    },
    cancelAll() {
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    },
  };
}
