import { CheckOutlined, CloseOutlined, PlayCircleOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceRequestsApi } from '../../../../api/endpoints';
import type { ServiceRequest } from '../../../../api/types';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { useRequestAction } from '../hooks/useRequests';
import { AssignModal } from './AssignModal';
import { CancelModal } from './CancelModal';
import { CompleteModal } from './CompleteModal';

export interface AllowedActions {
  assign: boolean;
  accept: boolean;
  start: boolean;
  complete: boolean;
  cancel: boolean;
}

/** What the signed-in user may do with the request now (the server checks again). */
export function allowedActions(
  r: Pick<ServiceRequest, 'status' | 'assignee' | 'takenBy' | 'team'>,
  me: { id: string; team: string | null; dispatch: boolean; work: boolean },
): AllowedActions {
  const waiting = r.status === 'new' || r.status === 'assigned';
  const open = waiting || r.status === 'accepted' || r.status === 'in_progress';
  const mine = r.assignee?.id === me.id;
  return {
    assign: me.dispatch && waiting,
    accept: me.work && waiting && (mine || (!r.assignee && me.team === r.team)),
    start: me.work && r.status === 'accepted' && mine,
    complete: me.work && (r.status === 'accepted' || r.status === 'in_progress') && mine,
    cancel: open && (me.dispatch || (waiting && r.takenBy.id === me.id)),
  };
}

/**
 * The buttons for the actions the user may take on a request, with their dialogs. `big` makes
 * full-width large buttons for the phone job list.
 */
export function RequestActions({
  request: r,
  myTeam,
  big = false,
}: {
  request: ServiceRequest;
  myTeam: string | null;
  big?: boolean;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const { act, pending } = useRequestAction();
  const [assigning, setAssigning] = useState(false);
  const [completing, setCompleting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const allowed = allowedActions(r, {
    id: me.data?.id ?? '',
    team: myTeam,
    dispatch: can('request.dispatch'),
    work: can('request.work'),
  });
  if (!Object.values(allowed).some(Boolean)) return null;
  const size = big ? 'large' : undefined;
  const main = { size, block: big, style: big ? { flex: '1 1 120px', minHeight: 48 } : undefined } as const;

  return (
    // Clicks on the buttons must not open the card they sit on.
    <fieldset
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      style={{ width: big ? '100%' : undefined, border: 0, margin: 0, padding: 0, minWidth: 0 }}
    >
      <Flex gap={8} wrap>
        {allowed.accept ? (
          <Button
            {...main}
            type="primary"
            icon={<CheckOutlined />}
            loading={pending}
            onClick={() => void act(() => serviceRequestsApi.accept(r.id), t('requests.actions.accepted'))}
            data-testid="job-accept"
          >
            {r.assignee ? t('requests.actions.accept') : t('requests.actions.take')}
          </Button>
        ) : null}
        {allowed.start ? (
          <Button
            {...main}
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={pending}
            onClick={() => void act(() => serviceRequestsApi.start(r.id), t('requests.actions.started'))}
            data-testid="job-start"
          >
            {t('requests.actions.start')}
          </Button>
        ) : null}
        {allowed.complete ? (
          <Button
            {...main}
            type={allowed.start ? 'default' : 'primary'}
            icon={<CheckOutlined />}
            onClick={() => setCompleting(true)}
            data-testid="job-complete"
          >
            {t('requests.actions.complete')}
          </Button>
        ) : null}
        {allowed.assign ? (
          <Button
            {...main}
            type={allowed.accept ? 'default' : 'primary'}
            icon={<UserAddOutlined />}
            onClick={() => setAssigning(true)}
            data-testid="request-assign"
          >
            {r.assignee ? t('requests.actions.reassign') : t('requests.actions.assign')}
          </Button>
        ) : null}
        {allowed.cancel ? (
          <Button
            {...main}
            danger
            icon={<CloseOutlined />}
            onClick={() => setCancelling(true)}
            data-testid="job-cancel"
          >
            {t('requests.actions.cancel')}
          </Button>
        ) : null}
      </Flex>
      <AssignModal request={assigning ? r : null} onClose={() => setAssigning(false)} />
      <CompleteModal request={completing ? r : null} onClose={() => setCompleting(false)} />
      <CancelModal request={cancelling ? r : null} onClose={() => setCancelling(false)} />
    </fieldset>
  );
}
