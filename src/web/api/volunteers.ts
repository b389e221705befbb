/** Queries and mutations of 志愿服务: teams, members, activities and hours by team (/api/volunteers). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TActivityBody, TTeamBody, TUpdateTeamBody, ZActivity, ZMember, ZTeam, ZTeamHours } from '../../shared/contracts/volunteers';
import { api, apiRequest } from './client';

export type TTeam = z.infer<typeof ZTeam>;
export type TMember = z.infer<typeof ZMember>;
export type TActivity = z.infer<typeof ZActivity>;
export type TTeamHours = z.infer<typeof ZTeamHours>;

export const volKeys = {
  all: ['volunteers'] as const,
  teams: ['volunteers', 'teams'] as const,
  members: (teamId: number) => ['volunteers', 'members', teamId] as const,
  activities: (teamId: number) => ['volunteers', 'activities', teamId] as const,
  hours: (from: string, to: string) => ['volunteers', 'hours', from, to] as const,
};

export function useTeams() {
  return useQuery({ queryKey: volKeys.teams, queryFn: ({ signal }) => api.get<TTeam[]>('/volunteers/teams', undefined, signal) });
}

/** Creates a team, or edits one when `id` is given. */
export function useSaveTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: number; body: TTeamBody | TUpdateTeamBody }) =>
      v.id ? api.patch<TTeam>(`/volunteers/teams/${v.id}`, v.body) : api.post<TTeam>('/volunteers/teams', v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: volKeys.all }),
  });
}

export function useMembers(teamId: number) {
  return useQuery({
    queryKey: volKeys.members(teamId),
    queryFn: ({ signal }) => api.get<TMember[]>(`/volunteers/teams/${teamId}/members`, undefined, signal),
    enabled: teamId > 0,
  });
}

export function useAddMember(teamId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; phone?: string | null }) => api.post<TMember>(`/volunteers/teams/${teamId}/members`, body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: volKeys.members(teamId) });
      qc.invalidateQueries({ queryKey: volKeys.teams });
    },
  });
}

export function useRemoveMember(teamId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberId: number) => apiRequest<{ ok: true }>(`/volunteers/teams/${teamId}/members/${memberId}`, { method: 'DELETE' }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: volKeys.members(teamId) });
      qc.invalidateQueries({ queryKey: volKeys.teams });
    },
  });
}

export function useActivities(teamId: number) {
  return useQuery({
    queryKey: volKeys.activities(teamId),
    queryFn: ({ signal }) => api.get<TActivity[]>(`/volunteers/teams/${teamId}/activities`, undefined, signal),
    enabled: teamId > 0,
  });
}

export function useAddActivity(teamId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TActivityBody) => api.post<TActivity>(`/volunteers/teams/${teamId}/activities`, body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: volKeys.activities(teamId) });
      qc.invalidateQueries({ queryKey: ['volunteers', 'hours'] });
    },
  });
}

export function useTeamHours(from: string, to: string) {
  return useQuery({
    queryKey: volKeys.hours(from, to),
    queryFn: ({ signal }) => api.get<TTeamHours[]>('/volunteers/hours', { from, to }, signal),
    placeholderData: keepPreviousData,
  });
}
