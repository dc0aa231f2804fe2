import { z } from 'astro/zod';
import { audience, date, docLink, entryId } from './common';

/** A course in content/courses/<id>/course.yaml; its lessons are .mdx files beside it. */
export const courseSchema = z.strictObject({
  /** Title of the course. */
  title: z.string().min(1),
  /** What the course gives a learner, in a sentence or two. */
  summary: z.string().min(1),
  /** Roles the course is for, or "all". */
  audience,
  /** Days by which a person should finish it, counted from the day it entered their path. */
  targetDays: z.number().int().positive(),
  /**
   * The day the course went onto learning paths. Someone hired before it gets its target days from
   * this day, not from their hiring date. Absent: the course was there from the start.
   */
  since: date.optional(),
  /** Lesson file names (without .mdx) in the order they are taken. */
  lessons: z.array(entryId).min(1),
  /** The final quiz, from content/quizzes. */
  quiz: entryId.optional(),
  /**
   * Whether the final quiz opens only once every lesson of the course is marked done; on unless the
   * course says `false`. A lesson's own quiz is a self-check and is always open.
   */
  quizAfterLessons: z.boolean().default(true),
  /** The checklist of practical skills that completes the course. */
  checklist: entryId.optional(),
});

/** Frontmatter of a lesson in content/courses/<course>/<lesson>.mdx. */
export const lessonSchema = z.strictObject({
  /** Title of the lesson. */
  title: z.string().min(1),
  /** How long the lesson takes to read, in minutes. */
  minutes: z.number().int().positive(),
  /** A short quiz after the lesson, from content/quizzes. */
  quiz: entryId.optional(),
  /** Documents the lesson teaches. */
  docs: z.array(docLink).default([]),
});

export type CourseData = z.output<typeof courseSchema>;
export type LessonData = z.output<typeof lessonSchema>;
