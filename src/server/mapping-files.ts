import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  MAPPING_FILES,
  OPTIONAL_MAPPING_FILES,
  type LoadedMappings,
  type MappingName,
  type OptionalMappingName,
} from '../config/mappings/index.ts';
import { digestOf } from '../config/mappings/digest.ts';
import type { MappingTexts } from '../config/mappings/load.ts';

/** Mapping files by file name, as the admin API names them (`scorecard.yaml`). */
type AnyName = MappingName | OptionalMappingName;
const ALL = { ...MAPPING_FILES, ...OPTIONAL_MAPPING_FILES } as Record<AnyName, { file: string }>;
const NAME_OF_FILE = Object.fromEntries(
  (Object.keys(ALL) as AnyName[]).map((name) => [ALL[name].file, name]),
) as Record<string, AnyName>;

export const MAPPING_FILE_NAMES = Object.keys(NAME_OF_FILE) as [string, ...string[]];

/**
 * At most 1 MB in all is accepted by the body parser; each file is a YAML text. The 256 KB limit per
 * file is checked with the YAML (yaml-source.ts, in bytes); this bound only spares work on the absurd.
 */
const text = z.string().max(512 * 1024, 'over the 256 KB limit for a mapping file');

/** `{ "scorecard.yaml": "<text>", ... }`: only known file names, at least one. */
export const FileTexts = z
  .object(
    Object.fromEntries(MAPPING_FILE_NAMES.map((f) => [f, text.optional()])) as Record<
      string,
      z.ZodOptional<typeof text>
    >,
  )
  .strict()
  .refine((files) => Object.values(files).some((v) => v !== undefined), 'name at least one mapping file');
export type FileTexts = Partial<Record<string, string>>;

export function toMappingTexts(files: FileTexts): MappingTexts {
  const out: MappingTexts = {};
  for (const [file, content] of Object.entries(files)) {
    const name = NAME_OF_FILE[file];
    if (name && content !== undefined) out[name] = content;
  }
  return out;
}

/** The directory's texts by file name (`scorecard.yaml`), as the API names them. */
export function filesOf(texts: MappingTexts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, content] of Object.entries(texts) as [AnyName, string | undefined][])
    if (content !== undefined) out[ALL[name].file] = content;
  return out;
}

export const nameOfFile = (file: string): AnyName | undefined => NAME_OF_FILE[file];

/** The directory's texts with the given files in their place: what the directory would hold. */
export const overlay = (onDisk: MappingTexts, files: FileTexts): MappingTexts => ({
  ...onDisk,
  ...toMappingTexts(files),
});

/** SHA-256 of a file's text, or null when the file does not exist. */
export const textHash = (content: string | undefined): string | null =>
  content === undefined ? null : createHash('sha256').update(content, 'utf8').digest('hex');

/** The hash of each named file as it is now, to detect a later edit before applying. */
export function baseHashes(onDisk: MappingTexts, files: FileTexts): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const file of Object.keys(files)) {
    const name = NAME_OF_FILE[file];
    if (name) out[file] = textHash(onDisk[name]);
  }
  return out;
}

/** Digest of everything in force: the six files (as cursors see them) and the schedule. */
export const setDigest = (loaded: LoadedMappings): string =>
  digestOf({ digest: loaded.digest, schedule: loaded.schedule ?? null });
