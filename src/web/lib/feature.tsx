/**
 * The web side of a module's manifest: each feature declares, in `features/<name>/<name>.feature.tsx`,
 * its pages (with the ability each needs), its public pages and its menu entries; `features/index.ts`
 * lists the features and App.tsx / AppShell.tsx build the route table and the menu from them. Adding
 * a module's screens is adding its folder and one line there.
 */
import type { ComponentType, ReactNode } from 'react';
import { Suspense } from 'react';
import type { RouteObject } from 'react-router';
import type { TAbilities, TAbilityModule, TAbilityName } from '../../shared/contracts/abilities';
import { FullPageSpin, RequireAbility } from '../components/RequireAuth';
import { can } from './abilities';

/** The abilities a page or menu entry needs: any of `names` of `module`. */
export type TNeed = { [M in TAbilityModule]: { module: M; names: TAbilityName<M>[] } }[TAbilityModule];

/** A need, typed by its module. */
export function need<M extends TAbilityModule>(module: M, ...names: TAbilityName<M>[]): TNeed {
  return { module, names } as TNeed;
}

/** True when `abilities` meet the need (no need: everyone signed in). */
export function meets(abilities: TAbilities, n: TNeed | undefined): boolean {
  return !n || can(abilities, n.module, ...(n.names as TAbilityName<typeof n.module>[]));
}

/** A page inside the signed-in shell. */
export interface TFeaturePage {
  /** Path relative to the root ('cases/:id'), or the index page. */
  path?: string;
  index?: true;
  /** The page component (lazy() for a code-split page) … */
  page?: ComponentType;
  /** … or an element (a redirect). */
  element?: ReactNode;
  /** Who may open it; others see 没有访问权限. */
  need?: TNeed;
}

/** A menu entry: its path (the key), icon, label, group heading and order inside the group. */
export interface TMenuEntry {
  key: string;
  icon: ReactNode;
  label: string;
  /** The group heading ('创文'); none for the entries at the top. */
  group?: string;
  /** Order inside the group (lower first; default 100). */
  order?: number;
  need?: TNeed;
}

/** What a feature adds to the web app. */
export interface TWebFeature {
  name: string;
  pages?: readonly TFeaturePage[];
  /** Pages outside the shell, with no sign-in (citizens' pages). */
  publicRoutes?: readonly RouteObject[];
  menu?: readonly TMenuEntry[];
  /** The menu groups this feature owns, with their place in the menu (lower first; default 80). */
  menuGroups?: readonly { label: string; order: number }[];
}

/** Declares a feature (an identity function, for the types). */
export function defineFeature(f: TWebFeature): TWebFeature {
  return f;
}

function render(p: TFeaturePage): ReactNode {
  const Page = p.page;
  return Page ? <Page /> : p.element;
}

/** A page's element behind its need. */
function guarded(p: TFeaturePage): ReactNode {
  if (!p.need) return render(p);
  return (
    <RequireAbility module={p.need.module} names={p.need.names as never}>
      {render(p)}
    </RequireAbility>
  );
}

/** The routes of the features' pages inside the shell, each behind its need. */
export function shellRoutes(features: readonly TWebFeature[]): RouteObject[] {
  return features.flatMap((f) => (f.pages ?? []).map((p): RouteObject => (p.index ? { index: true, element: guarded(p) } : { path: p.path, element: guarded(p) })));
}

/** The features' public routes, each loaded on demand. */
export function publicRoutes(features: readonly TWebFeature[]): RouteObject[] {
  return features.flatMap((f) =>
    (f.publicRoutes ?? []).map((r) => ({ ...r, element: <Suspense fallback={<FullPageSpin />}>{r.element}</Suspense> })),
  );
}

/** A menu group of entries the user may use, in order; groups appear in the order features declare them. */
export interface TMenuGroup {
  label: string | null;
  entries: TMenuEntry[];
}

/**
 * The menu the user sees: the top entries, then each group with at least one allowed entry, in
 * the order their owning features give them.
 */
export function menuFor(features: readonly TWebFeature[], abilities: TAbilities): TMenuGroup[] {
  const groups = new Map<string | null, TMenuEntry[]>([[null, []]]);
  const groupOrder = new Map<string, number>(features.flatMap((f) => (f.menuGroups ?? []).map((g) => [g.label, g.order] as const)));
  for (const f of features) {
    for (const e of f.menu ?? []) {
      const key = e.group ?? null;
      if (!groups.has(key)) groups.set(key, []);
      if (meets(abilities, e.need)) groups.get(key)!.push(e);
    }
  }
  const orderOf = (label: string | null) => (label == null ? 0 : (groupOrder.get(label) ?? 80));
  return [...groups]
    .filter(([, entries]) => entries.length)
    .sort(([a], [b]) => orderOf(a) - orderOf(b))
    .map(([label, entries]) => ({ label, entries: entries.map((e, i) => ({ e, i })).sort((a, b) => (a.e.order ?? 100) - (b.e.order ?? 100) || a.i - b.i).map(({ e }) => e) }));
}
