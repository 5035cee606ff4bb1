import { useMemo } from 'react';
import type { ServiceTeam } from '../../../../api/enums';
import { useStaff } from '../../../hooks/useStaff';
import { useCurrentUser } from '../../../session/useCurrentUser';

/** The team (班组) the signed-in staff member belongs to in the estate, from the staff roster. */
export function useMyTeam(estateId: string): { team: ServiceTeam | null; isPending: boolean } {
  const me = useCurrentUser();
  const staff = useStaff(estateId);
  const team = useMemo(() => {
    const code = staff.data?.find((s) => s.accountId === me.data?.id)?.teamCode ?? null;
    return code && code !== 'management' ? (code as ServiceTeam) : null;
  }, [staff.data, me.data?.id]);
  return { team, isPending: staff.isPending };
}
