import { describe, expect, test } from 'vitest';
import { pathsOutside } from '../../scripts/lint.js';

describe('pathsOutside', () => {
  test('covers every file outside the pending folders with the fewest paths, never entering one', () => {
    const files = [
      'package.json',
      'bench/run.ts',
      'src/shared/errors.ts',
      'src/shared/domain/roles.ts',
      'src/web/App.tsx',
      'src/server/app.ts',
      'src/server/lib/ids.ts',
      'src/server/modules/index.ts',
      'src/server/modules/cases/cases.repo.ts',
      'src/server/modules/households/households.repo.ts',
      'src/server/modules/households/leads/leads.repo.ts',
    ];
    expect(pathsOutside(files, ['src/web/', 'src/server/modules/households/'])).toEqual([
      'bench',
      'package.json',
      'src/server/app.ts',
      'src/server/lib',
      'src/server/modules/cases',
      'src/server/modules/index.ts',
      'src/shared',
    ]);
    expect(pathsOutside(files, [])).toEqual(['bench', 'package.json', 'src']);
  });
});
