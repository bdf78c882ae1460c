import { createContext } from 'react';
import type { EntityRecord } from '../records.js';

/** When set, a record's title in the grid opens this (a view dialog) instead of the information page. */
export const OpenRecordContext = createContext<((record: EntityRecord) => void) | null>(null);
