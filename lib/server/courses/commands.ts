/**
 * What the course forms do, one function per form: parse the fields with zod, authorize through
 * lib/server/auth/policy.ts, call the course modules, and answer with a FormState the page shows.
 * The "use server" files in app/(teach) and app/(learn) only add getActor(), revalidation and
 * redirects, so every refusal here is tested without a browser.
 */
import "server-only";
import { z } from "zod";
import { EmailSchema, fieldErrorsOf } from "@/lib/auth/schemas";
import type { Actor } from "../auth/actor";
import { authorizeCourse, authorizeSite, type Refusal } from "../auth/policy";
import type { CourseAction } from "../auth/policies/course";
import { createCourse, regenerateJoinCode, renameCourse, setJoinOpen } from "./courses";
import { joinCourse, JOIN_REFUSAL_MESSAGES } from "./join";
import { parseRosterInput } from "./roster-input";
import type { AddPeopleState, AddReportLine, FormState } from "./form-state";
import { addToRoster, cancelInvite, changeMemberRole, MEMBER_CHANGE_MESSAGES, type MemberChange, removeMember, RosterConflictError, setTimeFactor } from "./roster";
import { CourseIdSchema, CourseRoleSchema, NewCourseSchema, ReasonSchema, RosterTextSchema, TimeFactorSchema, UserIdSchema } from "./schemas";

export type { AddPeopleState, FormState } from "./form-state";

const REFUSAL_MESSAGES: Readonly<Record<Refusal, string>> = {
  sign_in_required: "Sign in first.",
  not_found: "Nothing here with that id.",
  forbidden: "Your role in this course does not allow that.",
};

function refused(refusal: Refusal): FormState {
  return { status: "error", message: REFUSAL_MESSAGES[refusal], refusal };
}

function invalid(error: z.ZodError): FormState {
  const fields = fieldErrorsOf(error);
  return { status: "error", message: Object.values(fields)[0]?.[0] ?? "Some fields need fixing", fields };
}

function field(form: FormData, name: string): unknown {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** Parse `schema` from the form and authorize `action` in the form's course; then run `body`. */
async function inCourse<S extends z.ZodType, R>(
  actor: Actor,
  action: CourseAction,
  form: FormData,
  schema: S,
  body: (input: z.infer<S>, actorId: string, courseId: string) => Promise<R>,
): Promise<R | FormState> {
  const courseId = CourseIdSchema.safeParse(field(form, "courseId"));
  if (!courseId.success) return refused("not_found");
  // Authorize before reading the other fields: an outsider learns nothing from validation messages.
  const decision = await authorizeCourse(actor, action, courseId.data);
  if (!decision.ok) return refused(decision.reason);
  const input = schema.safeParse(Object.fromEntries([...form.keys()].map((key) => [key, field(form, key)])));
  if (!input.success) return invalid(input.error);
  return body(input.data, decision.grant.userId, courseId.data);
}

function changed(result: MemberChange, message: string): FormState {
  return result.ok ? { status: "ok", message } : { status: "error", message: MEMBER_CHANGE_MESSAGES[result.reason] };
}

/** Create a course (site policy course.create); the actor becomes its instructor. */
export async function createCourseCommand(actor: Actor, form: FormData): Promise<FormState> {
  const decision = authorizeSite(actor, "course.create");
  if (!decision.ok) return refused(decision.reason);
  const input = NewCourseSchema.safeParse({ title: field(form, "title"), code: field(form, "code") });
  if (!input.success) return invalid(input.error);
  const course = await createCourse(decision.userId, input.data);
  return { status: "ok", message: `Created ${input.data.title}`, courseId: course.id };
}

export function renameCourseCommand(actor: Actor, form: FormData): Promise<FormState> {
  return inCourse(actor, "course.manage", form, NewCourseSchema, async (input, actorId, courseId) => {
    await renameCourse(actorId, courseId, input);
    return { status: "ok", message: "Saved the title and code." };
  });
}

export function regenerateJoinCodeCommand(actor: Actor, form: FormData): Promise<FormState> {
  return inCourse(actor, "course.manage", form, z.object({}), async (_input, actorId, courseId) => {
    const code = await regenerateJoinCode(actorId, courseId);
    return { status: "ok", message: `New join code ${code}: the old code and link no longer work.` };
  });
}

export function setJoinOpenCommand(actor: Actor, form: FormData): Promise<FormState> {
  const Schema = z.object({ open: z.enum(["true", "false"], { error: "Choose open or closed" }) });
  return inCourse(actor, "course.manage", form, Schema, async ({ open }, actorId, courseId) => {
    await setJoinOpen(actorId, courseId, open === "true");
    return { status: "ok", message: open === "true" ? "Joining by code is open." : "Joining by code is closed." };
  });
}

async function rosterText(form: FormData): Promise<string | z.ZodError> {
  const file = form.get("file");
  const text = file instanceof Blob && file.size > 0 ? await file.slice(0, 64 * 1024).text() : form.get("emails");
  const parsed = RosterTextSchema.safeParse(typeof text === "string" ? text : "");
  return parsed.success ? parsed.data : parsed.error;
}

/** Add the emails of a pasted list or CSV file as students; the report has one line per entry. */
export async function addPeopleCommand(actor: Actor, form: FormData): Promise<AddPeopleState> {
  return inCourse(actor, "course.manage", form, z.object({}), async (_input, actorId, courseId): Promise<AddPeopleState> => {
    const text = await rosterText(form);
    if (text instanceof z.ZodError) return invalid(text);
    const parsed = parseRosterInput(text);
    if (!parsed.ok) return { status: "error", message: parsed.message, fields: { emails: [parsed.message] } };
    if (parsed.lines.length === 0) return { status: "error", message: "Paste at least one email, or choose a CSV file.", fields: { emails: ["Paste at least one email, or choose a CSV file."] } };
    try {
      const report = await addToRoster(actorId, courseId, parsed.lines);
      const count = (outcome: AddReportLine["outcome"]) => report.filter((r) => r.outcome === outcome).length;
      const problems = count("invalid") + count("duplicate");
      return {
        status: "report",
        message: `${count("added")} added, ${count("invited")} invited, ${count("already_member") + count("already_invited")} already there, ${problems} skipped.`,
        report,
      };
    } catch (error) {
      if (error instanceof RosterConflictError) return { status: "error", message: error.message };
      throw error;
    }
  });
}

const MemberSchema = z.object({ userId: UserIdSchema });

export function changeRoleCommand(actor: Actor, form: FormData): Promise<FormState> {
  return inCourse(actor, "course.manage", form, MemberSchema.extend({ role: CourseRoleSchema }), async ({ userId, role }, actorId, courseId) =>
    changed(await changeMemberRole(actorId, courseId, userId, role), `Role changed to ${role}.`),
  );
}

export function setTimeFactorCommand(actor: Actor, form: FormData): Promise<FormState> {
  const Schema = MemberSchema.extend({ factor: TimeFactorSchema, reason: ReasonSchema });
  return inCourse(actor, "course.manage", form, Schema, async ({ userId, factor, reason }, actorId, courseId) =>
    changed(await setTimeFactor(actorId, courseId, userId, factor, reason), `Time factor set to ${factor}x.`),
  );
}

export function removeMemberCommand(actor: Actor, form: FormData): Promise<FormState> {
  return inCourse(actor, "course.manage", form, MemberSchema, async ({ userId }, actorId, courseId) =>
    changed(await removeMember(actorId, courseId, userId), "Removed from the course."),
  );
}

export function cancelInviteCommand(actor: Actor, form: FormData): Promise<FormState> {
  return inCourse(actor, "course.manage", form, z.object({ email: EmailSchema }), async ({ email }, actorId, courseId) =>
    (await cancelInvite(actorId, courseId, email))
      ? { status: "ok", message: `Cancelled the invite of ${email}.` }
      : { status: "error", message: "There is no invite for that email." },
  );
}

/** Join the course a code opens, as a student (any signed-in user). */
export async function joinCommand(actor: Actor, form: FormData): Promise<FormState> {
  if (actor.kind !== "user") return refused("sign_in_required");
  const code = z.string().trim().min(1, "Enter the join code").max(40, "That is not a join code").safeParse(field(form, "code"));
  if (!code.success) return invalid(code.error);
  const joined = await joinCourse(actor.userId, code.data);
  if (!joined.ok) return { status: "error", message: JOIN_REFUSAL_MESSAGES[joined.reason] };
  return { status: "ok", message: joined.joined ? "You joined the course." : `You are already in this course (as ${joined.role}).`, courseId: joined.courseId };
}
