// What a consumer needs to render anything loaded from the API: the last value, whether a load
// is running, the last failure (kept beside the last good value), and when it was loaded.
import type { ApiError } from '../api/errors';

export interface Loadable<T> {
  readonly value: T | undefined;
  readonly loading: boolean;
  /** The last load's failure; cleared by the next success. A value may still be shown beside it. */
  readonly error: ApiError | undefined;
  /** Date.now() of the last successful load. */
  readonly loadedAt: number | undefined;
}

/** Nothing loaded, nothing loading: the one empty slot every consumer starts from. */
export const NOT_LOADED: Loadable<never> = Object.freeze({ value: undefined, loading: false, error: undefined, loadedAt: undefined });
