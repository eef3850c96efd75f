import { describe, expect, test } from "vitest";
import { COURSE_ACTIONS, courseAllows, type CourseAction, type CourseRole, isStaff } from "@/lib/server/auth/policies/course";
import { siteAllows } from "@/lib/server/auth/policies/site";

const TABLE: readonly [CourseRole, CourseAction, boolean][] = [
  ["student", "course.view", true],
  ["student", "course.take", true],
  ["student", "course.view-work", false],
  ["student", "course.grade", false],
  ["student", "course.manage", false],
  ["student", "course.edit-assessments", false],
  ["assistant", "course.view", true],
  ["assistant", "course.take", false],
  ["assistant", "course.view-work", true],
  ["assistant", "course.grade", true],
  ["assistant", "course.manage", false],
  ["assistant", "course.edit-assessments", false],
  ["instructor", "course.view", true],
  ["instructor", "course.take", false],
  ["instructor", "course.view-work", true],
  ["instructor", "course.grade", true],
  ["instructor", "course.manage", true],
  ["instructor", "course.edit-assessments", true],
];

describe("course policy", () => {
  test("the table covers every role and action", () => {
    expect(TABLE.length).toBe(3 * COURSE_ACTIONS.length);
  });

  test.each(TABLE)("a %s may %s: %s", (role, action, allowed) => {
    expect(courseAllows(role, action)).toBe(allowed);
  });

  test.each([["instructor", true], ["assistant", true], ["student", false]] as const)("%s is staff: %s", (role, staff) => {
    expect(isStaff(role)).toBe(staff);
  });
});

describe("site policy", () => {
  test.each([
    ["learner", "course.create", false],
    ["instructor", "course.create", true],
    ["admin", "course.create", true],
    ["learner", "site.manage-users", false],
    ["instructor", "site.manage-users", false],
    ["admin", "site.manage-users", true],
  ] as const)("a %s may %s: %s", (role, action, allowed) => {
    expect(siteAllows(role, action)).toBe(allowed);
  });
});
