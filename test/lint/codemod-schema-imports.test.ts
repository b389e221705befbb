import { describe, expect, test } from 'vitest';
import { rewriteSchemaImports, schemaExports } from '../../scripts/codemod-schema-imports.js';

describe('rewriteSchemaImports', () => {
  const owners = schemaExports();

  test('knows where each table is defined', () => {
    expect(owners.get('cases')).toBe('cases');
    expect(owners.get('caseEvents')).toBe('cases');
    expect(owners.get('caseView')).toBe('case-view');
    expect(owners.get('users')).toBe('core');
    expect(owners.get('householdLeads')).toBe('households-work');
  });

  test('one barrel import becomes one import per schema file, in its place', () => {
    const before = [
      "import { and, eq } from 'drizzle-orm';",
      "import { users, type cases as TCases, attachments, areas } from '../../db/schema/index.js';",
      "import type { caseEvents } from '../db/schema/index.js';",
      'export const x = 1;',
    ].join('\n');
    expect(rewriteSchemaImports(before, owners)).toEqual({
      text: [
        "import { and, eq } from 'drizzle-orm';",
        "import { attachments } from '../../db/schema/attachments.js';",
        "import { type cases as TCases } from '../../db/schema/cases.js';",
        "import { users, areas } from '../../db/schema/core.js';",
        "import type { caseEvents } from '../db/schema/cases.js';",
        'export const x = 1;',
      ].join('\n'),
      unknown: [],
    });
  });

  test('a name no schema file exports leaves the import as it is', () => {
    const before = "import { users, nope } from '../../db/schema/index.js';";
    expect(rewriteSchemaImports(before, owners)).toEqual({ text: before, unknown: ['nope'] });
  });
});
