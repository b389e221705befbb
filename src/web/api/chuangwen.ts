/** Queries and mutations of 创文: 清零 board, measures, 通报, places, categories, calendar, score settings. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TBoard,
  TBulletin,
  TCalendarDayDto,
  TCalendarYear,
  TCategory,
  TCreateCategoryBody,
  TCreatePlaceBody,
  TMeasures,
  TPlace,
  TUpdateCategoryBody,
  TUpdatePlaceBody,
} from '../../shared/contracts/chuangwen';
import { api, toQueryString, type TQueryValue } from './client';

/** The score deductions of the measures (GET/PUT /chuangwen/settings/measures). */
export type TMeasureSettings = TMeasures['settings'];

/** A page of places. */
export interface TPlacePage {
  items: TPlace[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export const cwKeys = {
  all: ['chuangwen'] as const,
  board: ['chuangwen', 'board'] as const,
  measures: (q: Record<string, TQueryValue>) => ['chuangwen', 'measures', q] as const,
  settings: ['chuangwen', 'settings'] as const,
  bulletin: (q: Record<string, TQueryValue>) => ['chuangwen', 'bulletin', q] as const,
  places: (q: Record<string, TQueryValue>) => ['chuangwen', 'places', q] as const,
  categories: (all: boolean) => ['chuangwen', 'categories', all] as const,
  calendar: (year: number) => ['chuangwen', 'calendar', year] as const,
};

/** The 清零 board of the caller's scope. */
export function useBoard() {
  return useQuery({ queryKey: cwKeys.board, queryFn: ({ signal }) => api.get<TBoard>('/chuangwen/board', undefined, signal) });
}

/** Measures and ranking for a period, by unit or by place. */
export function useMeasures(q: { from: string; to: string; groupBy: 'unit' | 'place' }) {
  return useQuery({
    queryKey: cwKeys.measures(q),
    queryFn: ({ signal }) => api.get<TMeasures>('/chuangwen/measures', q, signal),
    placeholderData: keepPreviousData,
  });
}

/** The score deductions currently in force. */
export function useMeasureSettings() {
  return useQuery({
    queryKey: cwKeys.settings,
    queryFn: ({ signal }) => api.get<TMeasureSettings>('/chuangwen/settings/measures', undefined, signal),
  });
}

/** Saves the score deductions; measures are recomputed with them. */
export function useSaveMeasureSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TMeasureSettings) => api.put<TMeasureSettings>('/chuangwen/settings/measures', body),
    onSuccess: (s) => {
      qc.setQueryData(cwKeys.settings, s);
      qc.invalidateQueries({ queryKey: ['chuangwen', 'measures'] });
      qc.invalidateQueries({ queryKey: ['chuangwen', 'bulletin'] });
    },
  });
}

/** The 督导通报 of a period. */
export function useBulletin(q: { from: string; to: string }) {
  return useQuery({
    queryKey: cwKeys.bulletin(q),
    queryFn: ({ signal }) => api.get<TBulletin>('/chuangwen/bulletin', q, signal),
    placeholderData: keepPreviousData,
  });
}

/** Where the .docx / .xlsx of a bulletin is downloaded from (a plain GET with the session cookie). */
export function bulletinFileUrl(kind: 'docx' | 'xlsx', q: { from: string; to: string }): string {
  return `/api/chuangwen/bulletin.${kind}${toQueryString(q)}`;
}

/** A page of places with filters. */
export function usePlaces(q: Record<string, TQueryValue>) {
  return useQuery({
    queryKey: cwKeys.places(q),
    queryFn: ({ signal }) => api.get<TPlacePage>('/chuangwen/places', q, signal),
    placeholderData: keepPreviousData,
  });
}

/** Creates a place, or edits one when `id` is given. */
export function useSavePlace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: number; body: TCreatePlaceBody | TUpdatePlaceBody }) =>
      v.id ? api.patch<TPlace>(`/chuangwen/places/${v.id}`, v.body) : api.post<TPlace>('/chuangwen/places', v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['chuangwen', 'places'] }),
  });
}

/** Problem categories (active ones, or all). */
export function useCategories(includeInactive = false) {
  return useQuery({
    queryKey: cwKeys.categories(includeInactive),
    queryFn: ({ signal }) =>
      api.get<{ items: TCategory[] }>('/chuangwen/categories', { includeInactive: String(includeInactive) }, signal),
    staleTime: 5 * 60_000,
  });
}

/** Creates a category, or edits one when `code` is given. */
export function useSaveCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code?: string; body: TCreateCategoryBody | TUpdateCategoryBody }) =>
      v.code
        ? api.patch<TCategory>(`/chuangwen/categories/${encodeURIComponent(v.code)}`, v.body)
        : api.post<TCategory>('/chuangwen/categories', v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['chuangwen', 'categories'] }),
  });
}

/** A year's holiday and 调休 overrides of the working-day calendar. */
export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: cwKeys.calendar(year),
    queryFn: ({ signal }) => api.get<TCalendarYear>(`/chuangwen/calendar/${year}`, undefined, signal),
  });
}

/** Replaces a year's overrides. */
export function useSaveCalendarYear(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (days: TCalendarDayDto[]) => api.put<TCalendarYear>(`/chuangwen/calendar/${year}`, { days }),
    onSuccess: (y) => qc.setQueryData(cwKeys.calendar(year), y),
  });
}
