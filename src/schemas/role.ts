import { z } from 'astro/zod';
import { entryId } from './common';

/** A key figure a role is judged by. */
export const roleKpiSchema = z.strictObject({
  /** What is measured. */
  name: z.string().min(1),
  /** The target, as people say it: "≥ 25 %", "40 calls a day". */
  target: z.string().min(1),
});

/** A role in content/roles/*.yaml: its place in the org structure, duties and learning path. */
export const roleSchema = z.strictObject({
  /** Position title. */
  title: z.string().min(1),
  /** What the role is for, in a sentence. */
  summary: z.string().min(1),
  /** The role this one reports to; absent at the top. */
  reportsTo: entryId.optional(),
  /** How many people hold this position. */
  headcount: z.number().int().min(0).default(1),
  /** Duties and functions. */
  duties: z.array(z.string().min(1)).min(1),
  /** Key figures. */
  kpis: z.array(roleKpiSchema).default([]),
  /** What a new person in this role learns, in order. */
  path: z
    .strictObject({
      /** Documents to read and confirm. */
      docs: z.array(entryId).default([]),
      /** Courses to take. */
      courses: z.array(entryId).default([]),
      /** Checklists of practical skills. */
      checklists: z.array(entryId).default([]),
    })
    .default({ docs: [], courses: [], checklists: [] }),
  /** Motivation scheme from content/motivation. */
  motivation: entryId.optional(),
});

export type RoleData = z.output<typeof roleSchema>;
