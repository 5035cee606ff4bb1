import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AttachmentOwnerKind, attachmentKeys, attachmentsApi } from './attachmentsApi';

/** The photos of a request or visit, with the limits and what the user may do now. */
export function useAttachments(ownerKind: AttachmentOwnerKind, ownerId: string | undefined) {
  return useQuery({
    queryKey: attachmentKeys.owner(ownerKind, ownerId ?? ''),
    queryFn: () => attachmentsApi.list(ownerKind, ownerId!),
    enabled: !!ownerId,
  });
}

/** Upload and delete, refreshing the owner's list afterwards. */
export function useAttachmentMutations(ownerKind: AttachmentOwnerKind, ownerId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: attachmentKeys.owner(ownerKind, ownerId) });
  const upload = useMutation({
    mutationFn: (file: File) => attachmentsApi.upload(ownerKind, ownerId, file),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => attachmentsApi.delete(id), onSettled: refresh });
  return { upload, remove };
}
