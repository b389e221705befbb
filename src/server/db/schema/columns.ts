/** Column helpers shared by every table definition. */
import { timestamp } from 'drizzle-orm/pg-core';

/** A timestamptz column read as a JS Date: instants are stored with their zone, shown in Asia/Shanghai. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
