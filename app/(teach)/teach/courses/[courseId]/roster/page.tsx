import type { Metadata } from "next";
import { AddPeopleForm } from "@/components/courses/add-people-form";
import { StatusForm } from "@/components/courses/status-form";
import { COURSE_ROLES, courseAllows } from "@/lib/server/auth/policies/course";
import { requireCourseAccess } from "@/lib/server/courses/page-access";
import { listRoster } from "@/lib/server/courses/roster";
import { MAX_TIME_FACTOR, MIN_TIME_FACTOR } from "@/lib/server/courses/schemas";
import styles from "../../../../teach.module.css";
import { addPeopleAction, cancelInviteAction, changeRoleAction, removeMemberAction, setTimeFactorAction } from "../actions";

export const metadata: Metadata = { title: "Roster" };

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

type Params = Promise<{ courseId: string }>;

export default async function RosterPage({ params }: { params: Params }) {
  const { courseId } = await params;
  const { grant } = await requireCourseAccess(courseId, "course.view-work", `/teach/courses/${courseId}/roster`);
  const manage = courseAllows(grant.role, "course.manage");
  const { members, invites } = await listRoster(courseId);
  const hidden = <input type="hidden" name="courseId" value={courseId} />;

  return (
    <>
      <h2>Roster</h2>
      {manage && (
        <section className={styles.panel} aria-labelledby="add-people-heading">
          <h3 id="add-people-heading">Add people</h3>
          <AddPeopleForm action={addPeopleAction} courseId={courseId} tableClass={styles.table!} tableWrapClass={styles.tableWrap!} />
        </section>
      )}

      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="roster">
          <caption className="visually-hidden">Members of the course, staff first</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Time factor</th>
              <th scope="col">Joined</th>
              {manage && <th scope="col"><span className="visually-hidden">Remove</span></th>}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const who = member.name ? `${member.name} (${member.email})` : member.email;
              const memberFields = (
                <>
                  {hidden}
                  <input type="hidden" name="userId" value={member.userId} />
                </>
              );
              return (
                <tr key={member.userId} data-email={member.email}>
                  <th scope="row">{who}</th>
                  <td>
                    {manage ? (
                      <StatusForm action={changeRoleAction} submitLabel="Save role" layout="inline" secondary>
                        {memberFields}
                        <label className="visually-hidden" htmlFor={`role-${member.userId}`}>Role of {member.email}</label>
                        <select id={`role-${member.userId}`} name="role" defaultValue={member.role}>
                          {COURSE_ROLES.map((role) => (
                            <option key={role} value={role}>{role}</option>
                          ))}
                        </select>
                      </StatusForm>
                    ) : (
                      member.role
                    )}
                  </td>
                  <td>
                    {manage && member.role === "student" ? (
                      <StatusForm action={setTimeFactorAction} submitLabel="Set" layout="inline" secondary>
                        {memberFields}
                        <label className="visually-hidden" htmlFor={`factor-${member.userId}`}>Time factor of {member.email}</label>
                        <input id={`factor-${member.userId}`} name="factor" type="number" min={MIN_TIME_FACTOR} max={MAX_TIME_FACTOR} step="0.05" defaultValue={member.timeFactor} required />
                        <label className="visually-hidden" htmlFor={`reason-${member.userId}`}>Reason for {member.email}&apos;s time factor</label>
                        <input id={`reason-${member.userId}`} name="reason" type="text" placeholder="Reason (for the audit trail)" required minLength={3} maxLength={500} />
                      </StatusForm>
                    ) : (
                      <span className={styles.num}>{member.timeFactor}x</span>
                    )}
                  </td>
                  <td>
                    <time dateTime={member.joinedAt.toISOString()}>{DATE.format(member.joinedAt)}</time>
                  </td>
                  {manage && (
                    <td>
                      <StatusForm action={removeMemberAction} submitLabel="Remove" layout="inline" secondary>
                        {memberFields}
                      </StatusForm>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h3>Invited, no account yet</h3>
      {invites.length === 0 ? (
        <p className={styles.muted}>Nobody is waiting to sign up.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="invites">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Invited</th>
                {manage && <th scope="col"><span className="visually-hidden">Cancel</span></th>}
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => (
                <tr key={invite.email}>
                  <th scope="row">{invite.email}</th>
                  <td>
                    <time dateTime={invite.createdAt.toISOString()}>{DATE.format(invite.createdAt)}</time>
                  </td>
                  {manage && (
                    <td>
                      <StatusForm action={cancelInviteAction} submitLabel="Cancel invite" layout="inline" secondary>
                        {hidden}
                        <input type="hidden" name="email" value={invite.email} />
                      </StatusForm>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
