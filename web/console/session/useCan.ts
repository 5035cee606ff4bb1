import { useCallback } from 'react';
import type { Capability } from '../../api/enums';
import { useCurrentUser } from './useCurrentUser';

/** `can('household.edit')` — whether the signed-in user has a capability (hide what they lack). */
export function useCan(): (cap: Capability) => boolean {
  const { data } = useCurrentUser();
  const caps = data?.capabilities;
  return useCallback((cap: Capability) => !!caps?.includes(cap), [caps]);
}
