import type { InputTable } from './spec.js';
import type { TableReader } from './reader.js';

/** The names in a table, as a union type. */
export type InputName<T> = T extends InputTable<infer Name> ? Name : never;

/** A reader of one table's inputs. */
export type ReaderOf<T> = TableReader<InputName<T>>;
