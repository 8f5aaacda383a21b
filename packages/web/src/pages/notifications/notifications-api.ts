import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationChannels, NotificationChannelsInput, NotificationList } from '@minewatch/core';
import { api, withQuery } from '../../api/client';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unread: boolean, limit: number, offset: number) => ['notifications', 'list', unread, limit, offset] as const,
  unread: ['notifications', 'unread'] as const,
  channels: (userId: string) => ['notifications', 'channels', userId] as const,
};

export function useNotifications(f: { unread: boolean; limit: number; offset: number }) {
  return useQuery({
    queryKey: notificationKeys.list(f.unread, f.limit, f.offset),
    queryFn: () => api<NotificationList>(withQuery('/api/notifications', { unread: f.unread ? 'true' : null, limit: String(f.limit), offset: f.offset ? String(f.offset) : null })),
    placeholderData: keepPreviousData,
  });
}

/** The unread count for the bell, refreshed every minute and when the window regains focus. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: async () => (await api<NotificationList>('/api/notifications?unread=true&limit=1')).unread,
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (upToId: string) => api<{ marked: number; unread: number }>('/api/notifications/read-all', { method: 'POST', body: { upToId } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useChannels(userId: string | undefined) {
  return useQuery({
    queryKey: notificationKeys.channels(userId ?? ''),
    queryFn: () => api<NotificationChannels>(`/api/notifications/channels/${encodeURIComponent(userId ?? '')}`),
    enabled: !!userId,
  });
}

export function useSetChannels(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NotificationChannelsInput) => api<NotificationChannels>(`/api/notifications/channels/${encodeURIComponent(userId)}`, { method: 'PUT', body: input }),
    onSuccess: (data) => qc.setQueryData(notificationKeys.channels(userId), data),
  });
}
