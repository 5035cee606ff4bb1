import { useCan } from '../../../session/useCan';

/**
 * Whether the signed-in user records home safety checks only (guards, S2): they get the safety
 * check form and see their own safety checks.
 */
export function useSafetyChecksOnly(): boolean {
  const can = useCan();
  return !can('visit.record') && can('visit.safety_check');
}
