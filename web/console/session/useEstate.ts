import { useCallback, useSyncExternalStore } from 'react';
import type { EstateRef } from '../../api/types';
import { useCurrentUser } from './useCurrentUser';

/** localStorage key remembering the chosen estate. */
export const ESTATE_STORAGE_KEY = 'guanjia.estate';

const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(ESTATE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  const onStorage = (e: StorageEvent) => {
    if (e.key === ESTATE_STORAGE_KEY) fn();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', onStorage);
  };
}

/** Remembers the chosen estate and tells every subscriber. */
export function rememberEstate(id: string) {
  try {
    localStorage.setItem(ESTATE_STORAGE_KEY, id);
  } catch {
    // private mode: the choice lasts for this page only
  }
  for (const fn of listeners) fn();
}

/**
 * The estate the console is working in: the remembered choice if the user still has it,
 * else their first estate. `estateId` is '' while the user is loading or has no estate.
 */
export function useEstate(): {
  estateId: string;
  estate: EstateRef | undefined;
  estates: EstateRef[];
  setEstateId: (id: string) => void;
} {
  const stored = useSyncExternalStore(subscribe, read, () => null);
  const { data } = useCurrentUser();
  const estates = data?.estates ?? [];
  const estate = estates.find((e) => e.id === stored) ?? estates[0];
  const setEstateId = useCallback((id: string) => rememberEstate(id), []);
  return { estateId: estate?.id ?? '', estate, estates, setEstateId };
}
